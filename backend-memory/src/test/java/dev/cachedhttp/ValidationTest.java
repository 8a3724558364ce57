package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Revalidation, 304 merging, callers' conditional requests and invalidation, in both modes. */
class ValidationTest extends OriginFixture {

  @ParameterizedTest(name = "cacheControl({0})")
  @ValueSource(booleans = {false, true})
  void a304KeepsTheStoredBodyAndLengthUpdatesOtherHeadersAndResetsFreshness(boolean cacheControl)
      throws Exception {
    origin.enqueue(response("stored body", "Cache-Control", "max-age=60", "ETag", "\"v1\"",
        "X-Version", "1", "Content-Type", "text/plain"));
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"")
        .addHeader("Cache-Control", "max-age=120").addHeader("X-Version", "2")
        .addHeader("Content-Type", "application/json").build());
    OkHttpClient client = client(builder().cacheControl(cacheControl)
        .expireAfter(Duration.ofMinutes(1)));

    Result first = get(client, "/v");
    clock.advance(Duration.ofMinutes(2));
    Result revalidated = get(client, "/v");
    clock.advance(Duration.ofSeconds(59));
    Result afterwards = get(client, "/v");

    origin.takeRequest();
    RecordedRequest conditional = origin.takeRequest();
    assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(revalidated.info().revalidated()).isTrue();
    assertThat(revalidated.info().fromCache()).isTrue();
    assertThat(revalidated.code()).isEqualTo(200);
    assertThat(revalidated.body()).isEqualTo("stored body");
    assertThat(revalidated.response().header("X-Version")).isEqualTo("2");
    assertThat(revalidated.response().header("Content-Type")).isEqualTo("application/json");
    assertThat(revalidated.response().header("Content-Length"))
        .isEqualTo(first.response().header("Content-Length")).isEqualTo("11");
    assertThat(revalidated.response().headers("ETag")).containsExactly("\"v1\"");
    assertThat(afterwards.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(afterwards.response().header("X-Version")).isEqualTo("2");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFullAnswerToARevalidationReplacesTheEntry() throws Exception {
    origin.enqueue(response("old", "ETag", "\"1\""));
    origin.enqueue(response("new", "ETag", "\"2\""));
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(1)));

    get(client, "/replace");
    clock.advance(Duration.ofMinutes(2));
    Result replaced = get(client, "/replace");
    Result cachedNew = get(client, "/replace");

    assertThat(replaced.body()).isEqualTo("new");
    assertThat(replaced.info().revalidated()).isFalse();
    assertThat(cachedNew.body()).isEqualTo("new");
    assertThat(cachedNew.response().header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void aHeadAnswerUpdatesTheStoredGetOfTheSameRepresentation() throws Exception {
    origin.enqueue(response("body", "Cache-Control", "max-age=2", "ETag", "\"e\"",
        "Template-A", "1"));
    origin.enqueue(new MockResponse.Builder().addHeader("Cache-Control", "max-age=1000")
        .addHeader("ETag", "\"e\"").addHeader("Template-A", "2").build());
    origin.enqueue(response("other", "Cache-Control", "max-age=1000", "ETag", "\"x\""));
    OkHttpClient client = client(builder().cacheControl(true));
    get(client, "/h");
    clock.advance(Duration.ofSeconds(5));

    Result head = call(client, new Request.Builder().url(origin.url("/h")).head().build());
    Result get = get(client, "/h");

    assertThat(head.info().source()).isEqualTo(CacheInfo.Source.NETWORK);
    assertThat(get.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(get.body()).isEqualTo("body");
    assertThat(get.response().header("Template-A")).isEqualTo("2");
    assertThat(get.response().header("Content-Length")).isEqualTo("4");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aHeadAnswerForAnotherRepresentationLeavesTheStoredGetAlone() throws Exception {
    origin.enqueue(response("body", "Cache-Control", "max-age=2", "ETag", "\"e\""));
    origin.enqueue(new MockResponse.Builder().addHeader("Cache-Control", "max-age=1000")
        .addHeader("ETag", "\"other\"").build());
    origin.enqueue(response("new body", "Cache-Control", "max-age=1000", "ETag", "\"other\""));
    OkHttpClient client = client(builder().cacheControl(true));
    get(client, "/h2");
    clock.advance(Duration.ofSeconds(5));

    call(client, new Request.Builder().url(origin.url("/h2")).head().build());
    Result get = get(client, "/h2");

    assertThat(get.info().fromCache()).isFalse();
    assertThat(get.body()).isEqualTo("new body");
  }

  @Test
  void aCallersConditionalRequestIsAnsweredFromAFreshEntry() throws Exception {
    origin.enqueue(response("stored", "ETag", "\"s\"", "Content-Type", "text/plain"));
    OkHttpClient client = client(builder());
    get(client, "/cond");

    Result matching = call(client, new Request.Builder().url(origin.url("/cond"))
        .header("If-None-Match", "\"s\"").build());
    Result other = call(client, new Request.Builder().url(origin.url("/cond"))
        .header("If-None-Match", "\"other\"").build());

    assertThat(matching.code()).isEqualTo(304);
    assertThat(matching.body()).isEmpty();
    assertThat(matching.response().header("ETag")).isEqualTo("\"s\"");
    assertThat(matching.response().header("Content-Type")).isNull();
    assertThat(matching.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(other.code()).isEqualTo(200);
    assertThat(other.body()).isEqualTo("stored");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCallersConditionalRequestForAStaleEntryGoesToTheOriginUntouched() throws Exception {
    origin.enqueue(response("stored", "ETag", "\"s\""));
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"mine\"").build());
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(1)));
    get(client, "/cond");
    clock.advance(Duration.ofMinutes(2));

    Result mine = call(client, new Request.Builder().url(origin.url("/cond"))
        .header("If-None-Match", "\"mine\"").build());

    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"mine\"");
    assertThat(mine.code()).isEqualTo(304);
    assertThat(mine.body()).isEmpty();
    assertThat(mine.info().source()).isEqualTo(CacheInfo.Source.NETWORK);
    assertThat(mine.info().stored()).isFalse();
    String key = cached.inspector().keyOf(new Request.Builder().url(origin.url("/cond")).build())
        .orElseThrow();
    assertThat(cached.inspector().get(key).orElseThrow().headers().get("ETag"))
        .isEqualTo("\"s\"");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
  void successfulUnsafeMethodsInvalidateTheTargetUri(String method) throws Exception {
    enqueue("v1");
    origin.enqueue(new MockResponse.Builder().code(204).build());
    enqueue("v2");
    OkHttpClient client = client(builder());
    get(client, "/doc");

    RequestBody body = "DELETE".equals(method) ? null : RequestBody.create(new byte[] {1});
    call(client, new Request.Builder().url(origin.url("/doc")).method(method, body).build());
    Result after = get(client, "/doc");

    assertThat(after.body()).isEqualTo("v2");
    assertThat(cached.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void locationAndContentLocationOfTheSameOriginAreInvalidatedToo() throws Exception {
    enqueue("a1", "b1", "c1");
    origin.enqueue(new MockResponse.Builder().code(201)
        .addHeader("Location", "/b").addHeader("Content-Location", origin.url("/c").toString())
        .build());
    enqueue("a2", "b2", "c2");
    OkHttpClient client = client(builder());
    get(client, "/a");
    get(client, "/b");
    get(client, "/c");

    call(client, new Request.Builder().url(origin.url("/a"))
        .post(RequestBody.create(new byte[0])).build());

    assertThat(get(client, "/a").body()).isEqualTo("a2");
    assertThat(get(client, "/b").body()).isEqualTo("b2");
    assertThat(get(client, "/c").body()).isEqualTo("c2");
  }

  @Test
  void failedUnsafeRequestsAndOtherOriginsInvalidateNothing() throws Exception {
    enqueue("kept");
    origin.enqueue(new MockResponse.Builder().code(500).build());
    origin.enqueue(new MockResponse.Builder().code(201)
        .addHeader("Location", "http://other.example/doc").build());
    OkHttpClient client = client(builder());
    get(client, "/doc");

    call(client, new Request.Builder().url(origin.url("/doc"))
        .put(RequestBody.create(new byte[0])).build());
    call(client, new Request.Builder().url(origin.url("/elsewhere"))
        .post(RequestBody.create(new byte[0])).build());

    assertThat(get(client, "/doc").body()).isEqualTo("kept");
    assertThat(origin.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anUnsafeRequestThroughARedirectAliasInvalidatesTheChainsEntry() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/final").build());
    enqueue("final v1");
    origin.enqueue(new MockResponse.Builder().code(204).build());
    enqueue("final v2");
    OkHttpClient client = client(builder());
    get(client, "/start");
    assertThat(get(client, "/final").info().fromCache()).isTrue();

    call(client, new Request.Builder().url(origin.url("/final"))
        .delete().build());

    assertThat(get(client, "/final").body()).isEqualTo("final v2");
  }
}
