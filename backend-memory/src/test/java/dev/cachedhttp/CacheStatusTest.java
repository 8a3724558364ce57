package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** The opt-in {@code Cache-Status} header (RFC 9211) says what the cache did with each call. */
class CacheStatusTest extends OriginFixture {

  @Test
  void missHitRevalidationStaleAndBypassEachSayWhatHappened() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60", "ETag", "\"1\""));
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"1\"")
        .addHeader("Cache-Control", "max-age=60").build());
    origin.enqueue(new MockResponse.Builder().code(503).build());
    origin.enqueue(response("posted"));
    OkHttpClient client = client(builder().cacheControl(true).staleIfError(Duration.ofHours(1))
        .cacheStatusHeader(true));

    Result miss = get(client, "/s");
    clock.advance(Duration.ofSeconds(20));
    Result hit = get(client, "/s");
    clock.advance(Duration.ofSeconds(60));
    Result revalidated = get(client, "/s");
    clock.advance(Duration.ofSeconds(70));
    Result stale = get(client, "/s");
    Result bypassed = call(client, new Request.Builder().url(origin.url("/s"))
        .post(RequestBody.create(new byte[] {1})).build());

    assertThat(miss.response().header("Cache-Status"))
        .isEqualTo("cachedhttp; fwd=miss; fwd-status=200; stored; ttl=60");
    assertThat(hit.response().header("Cache-Status")).isEqualTo("cachedhttp; hit; ttl=40");
    assertThat(revalidated.response().header("Cache-Status"))
        .isEqualTo("cachedhttp; fwd=stale; fwd-status=304; ttl=60");
    assertThat(stale.response().header("Cache-Status"))
        .isEqualTo("cachedhttp; fwd=stale; ttl=-10; detail=stale-if-error");
    assertThat(bypassed.response().header("Cache-Status"))
        .isEqualTo("cachedhttp; fwd=request; fwd-status=200");
  }

  @Test
  void anUpstreamCacheStatusComesFirstAndOursIsAppended() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60", "Cache-Status", "edge; hit"));
    OkHttpClient client = client(builder().cacheControl(true).cacheStatusHeader(true));

    Result miss = get(client, "/u");

    assertThat(miss.response().headers("Cache-Status")).containsExactly("edge; hit",
        "cachedhttp; fwd=miss; fwd-status=200; stored; ttl=60");
  }

  @Test
  void theReadmeSnippetTurnsTheHeaderOnAndItsTableMatchesTheHeaders() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Cache-Status"),
        readme.indexOf("## HTTP caching conformance"));
    assertThat(section).contains("""
        CachedClient cached = CachedClient.builder()
            .cacheControl(true)
            .cacheStatusHeader(true)
            .build();
        """);
    assertThat(section).contains("`cachedhttp; hit; ttl=40`",
        "`cachedhttp; fwd=miss; fwd-status=200; stored; ttl=60`",
        "`cachedhttp; fwd=stale; fwd-status=304; ttl=60`",
        "`cachedhttp; fwd=stale; ttl=-10; detail=stale-if-error`",
        "`cachedhttp; fwd=request; fwd-status=200`");
    try (CachedClient readmeClient = CachedClient.builder()
        .cacheControl(true)
        .cacheStatusHeader(true)
        .build()) {
      origin.enqueue(response("v1", "Cache-Control", "max-age=60"));
      Result miss = call(readmeClient.client(), new Request.Builder().url(origin.url("/r"))
          .build());
      assertThat(miss.response().header("Cache-Status"))
          .startsWith("cachedhttp; fwd=miss; fwd-status=200; stored; ttl=");
    }
  }

  @Test
  void withoutTheSettingNoHeaderIsAdded() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60"));
    OkHttpClient client = client(builder().cacheControl(true));

    Result miss = get(client, "/n");
    Result hit = get(client, "/n");

    assertThat(miss.response().header("Cache-Status")).isNull();
    assertThat(hit.response().header("Cache-Status")).isNull();
    assertThat(hit.info().fromCache()).isTrue();
  }
}
