package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class RedirectsTest extends OriginFixture {

  private void enqueueChain() {
    origin.enqueue(new MockResponse.Builder().code(301)
        .addHeader("Location", "/b?api_key=LOCATION-SECRET").build());
    origin.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/c").build());
    origin.enqueue(new MockResponse.Builder().body("final").build());
  }

  @Test
  void originalUrlAndEveryHopAreServedFromCacheAfterOneChain() throws Exception {
    enqueueChain();
    OkHttpClient client = client(builder().ignoredParameters("api_key"));

    Result first = get(client, "/a");
    Result viaA = get(client, "/a");
    Result viaB = get(client, "/b?api_key=OTHER");
    Result viaC = get(client, "/c");

    assertThat(first.body()).isEqualTo("final");
    assertThat(origin.getRequestCount()).isEqualTo(3);
    for (Result r : List.of(viaA, viaB, viaC)) {
      assertThat(r.info().fromCache()).isTrue();
      assertThat(r.body()).isEqualTo("final");
      assertThat(r.info().cacheKey()).isEqualTo(first.info().cacheKey());
    }
    assertThat(viaB.response().request().url().encodedPath()).isEqualTo("/b");
  }

  @Test
  void storedDocumentKeepsTheRedactedRedirectHistory() throws Exception {
    enqueueChain();
    OkHttpClient client = client(builder().ignoredParameters("api_key"));

    Result first = get(client, "/a");

    CachedResponse stored = backend.responses().get(first.info().cacheKey()).orElseThrow();
    assertThat(stored.url()).isEqualTo(origin.url("/c").toString());
    assertThat(stored.request().url()).isEqualTo(origin.url("/a").toString());
    assertThat(stored.history()).containsExactly(
        new RedirectHop(origin.url("/a").toString(), 301),
        new RedirectHop(origin.url("/b").toString(), 302));
    assertThat(backend.redirects().count()).isEqualTo(2);
    assertThat(stored.toString() + stored.history()).doesNotContain("LOCATION-SECRET");
  }

  @Test
  void redirectResponsesThemselvesAreStoredWhenNotFollowedAndAllowed() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(301)
        .addHeader("Location", "/elsewhere?api_key=LOC-SECRET").build());
    cached = builder().allowableCodes(200, 301).ignoredParameters("api_key").build();
    OkHttpClient client = cached.client(new OkHttpClient.Builder().followRedirects(false)
        .build());

    get(client, "/moved");
    Result second = get(client, "/moved");

    assertThat(second.code()).isEqualTo(301);
    assertThat(second.info().fromCache()).isTrue();
    assertThat(second.response().header("Location")).doesNotContain("LOC-SECRET")
        .endsWith("/elsewhere");
  }

  @Test
  void anAliasWhoseTargetNoLongerLeadsFromItsUrlIsAMissAndIsDeleted() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/v1").build());
    origin.enqueue(new MockResponse.Builder().body("release 1").build());
    origin.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/v2").build());
    origin.enqueue(new MockResponse.Builder().body("release 2").build());
    origin.enqueue(new MockResponse.Builder().body("release 1 from the origin").build());
    OkHttpClient client = client(builder());

    get(client, "/latest");
    Result v1 = get(client, "/v1");
    Request refresh = new Request.Builder().url(origin.url("/latest"))
        .tag(CacheOptions.class, CacheOptions.builder().forceRefresh().build()).build();
    Result latest = call(client, refresh);
    Result v1Again = get(client, "/v1");

    assertThat(v1.info().fromCache()).isTrue();
    assertThat(v1.body()).isEqualTo("release 1");
    assertThat(latest.body()).isEqualTo("release 2");
    assertThat(v1Again.body()).isEqualTo("release 1 from the origin");
    assertThat(v1Again.info().fromCache()).isFalse();
  }
}
