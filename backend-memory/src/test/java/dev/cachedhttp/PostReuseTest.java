package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * A POST answer with explicit freshness and a {@code Content-Location} that is its own URI
 * answers later GETs of that URI (RFC 9110 section 9.3.3), for the same credentials only.
 */
class PostReuseTest extends OriginFixture {

  private Result post(OkHttpClient client, String path, String authorization) throws Exception {
    Request.Builder request = new Request.Builder().url(origin.url(path))
        .post(RequestBody.create("12345", MediaType.get("text/plain")));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return call(client, request.build());
  }

  @Test
  void aFreshPostAnswerLocatedAtItsOwnUriAnswersLaterGets() throws Exception {
    origin.enqueue(response("posted", "Cache-Control", "max-age=3600",
        "Content-Location", "/resource"));
    OkHttpClient client = client(builder().cacheControl(true));

    post(client, "/resource", null);
    Result get = get(client, "/resource");

    assertThat(get.info().fromCache()).isTrue();
    assertThat(get.body()).isEqualTo("posted");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPostAnswerReplacesWhatAGetStoredBefore() throws Exception {
    origin.enqueue(response("before", "Cache-Control", "max-age=3600"));
    origin.enqueue(response("posted", "Cache-Control", "max-age=3600",
        "Content-Location", origin.url("/resource").toString()));
    OkHttpClient client = client(builder().cacheControl(true));

    get(client, "/resource");
    post(client, "/resource", null);
    Result get = get(client, "/resource");

    assertThat(get.info().fromCache()).isTrue();
    assertThat(get.body()).isEqualTo("posted");
  }

  @Test
  void aPostAnswerIsNotReusedWithoutFreshnessOrAtAnotherLocation() throws Exception {
    origin.enqueue(response("no freshness", "Content-Location", "/a", "ETag", "\"1\""));
    origin.enqueue(response("elsewhere", "Cache-Control", "max-age=3600",
        "Content-Location", "/other"));
    origin.enqueue(response("get a", "Cache-Control", "max-age=3600"));
    origin.enqueue(response("get b", "Cache-Control", "max-age=3600"));
    OkHttpClient client = client(builder().cacheControl(true));

    post(client, "/a", null);
    post(client, "/b", null);
    Result a = get(client, "/a");
    Result b = get(client, "/b");

    assertThat(a.body()).isEqualTo("get a");
    assertThat(b.body()).isEqualTo("get b");
  }

  @Test
  void aPostAnswerThatIsNotARepresentationOfTheResourceIsNotReused() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(201).body("created")
        .addHeader("Cache-Control", "max-age=3600").addHeader("Content-Location", "/c").build());
    origin.enqueue(response("got", "Cache-Control", "max-age=3600"));
    OkHttpClient client = client(builder().cacheControl(true));

    post(client, "/c", null);
    Result get = get(client, "/c");

    assertThat(get.info().fromCache()).isFalse();
    assertThat(get.body()).isEqualTo("got");
  }

  @Test
  void withoutCacheControlAPostAnswerIsNotReused() throws Exception {
    origin.enqueue(response("posted", "Cache-Control", "max-age=3600",
        "Content-Location", "/resource"));
    origin.enqueue(response("got", "Cache-Control", "max-age=3600"));
    OkHttpClient client = client(builder());

    post(client, "/resource", null);
    Result get = get(client, "/resource");

    assertThat(get.info().fromCache()).isFalse();
    assertThat(get.body()).isEqualTo("got");
  }

  @Test
  void aPostAnswerIsServedOnlyToTheCredentialsThatPostedIt() throws Exception {
    origin.enqueue(response("alice's", "Cache-Control", "max-age=3600",
        "Content-Location", "/account"));
    origin.enqueue(response("bob's", "Cache-Control", "max-age=3600"));
    OkHttpClient client = client(builder().cacheControl(true));

    post(client, "/account", "Bearer alice");
    Result bob = call(client, new Request.Builder().url(origin.url("/account"))
        .header("Authorization", "Bearer bob").build());
    Result alice = call(client, new Request.Builder().url(origin.url("/account"))
        .header("Authorization", "Bearer alice").build());

    assertThat(bob.info().fromCache()).isFalse();
    assertThat(bob.body()).isEqualTo("bob's");
    assertThat(alice.info().fromCache()).isTrue();
    assertThat(alice.body()).isEqualTo("alice's");
  }
}
