package dev.cachedhttp.internal;

import static dev.cachedhttp.internal.TestSettings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReuseTest {

  /**
   * A stored response received {@code age} seconds ago that expires {@code ttl} seconds after it
   * was received (blank: never), with response headers, asked for with request headers.
   */
  @ParameterizedTest(name = "[{0}] age {1}, ttl {2}, response \"{3}\", request \"{4}\" -> {5}")
  @CsvSource(delimiter = '|', value = {
      "http  | 10  | 60 |                                      |                          | FRESH",
      "http  | 60  | 60 |                                      |                          | NETWORK",
      "http  | 60  | 60 | ETag: \"a\"                          |                          | REVALIDATE",
      "http  | 10  |    |                                      |                          | FRESH",
      "http  | 10  | 60 |                                      | Cache-Control: no-cache  | NETWORK",
      "http  | 10  | 60 | ETag: \"a\"                          | Cache-Control: no-cache  | REVALIDATE",
      "http  | 10  | 60 | ETag: \"a\"                          | Cache-Control: max-age=5 | REVALIDATE",
      "http  | 10  | 60 |                                      | Cache-Control: max-age=10 | FRESH",
      "http  | 10  | 60 | Age: 30                              | Cache-Control: max-age=20 | NETWORK",
      "http  | 10  | 60 |                                      | Cache-Control: min-fresh=50 | FRESH",
      "http  | 10  | 60 |                                      | Cache-Control: min-fresh=51 | NETWORK",
      "http  | 70  | 60 |                                      | Cache-Control: max-stale | FRESH",
      "http  | 70  | 60 |                                      | Cache-Control: max-stale=10 | FRESH",
      "http  | 71  | 60 |                                      | Cache-Control: max-stale=10 | NETWORK",
      "http  | 70  | 60 | Cache-Control: must-revalidate       | Cache-Control: max-stale | NETWORK",
      "http  | 70  | 60 | Cache-Control: no-cache; ETag: \"a\" | Cache-Control: max-stale | REVALIDATE",
      "http  | 10  | 60 |                                      | Cache-Control: only-if-cached | FRESH",
      "http  | 70  | 60 | ETag: \"a\"                          | Cache-Control: only-if-cached | UNSATISFIABLE",
      "http  | 70  | 60 |                                      | Cache-Control: only-if-cached, max-stale | FRESH",
      "http  | 10  | 60 | Cache-Control: immutable             | Cache-Control: no-cache  | FRESH",
      "http  | 10  | 60 | Cache-Control: immutable             | Cache-Control: max-age=0 | FRESH",
      "http  | 70  | 60 | Cache-Control: immutable; ETag: \"a\" | Cache-Control: no-cache | REVALIDATE",
      "http  | 70  | 60 | Cache-Control: stale-while-revalidate=30 |                      | STALE_WHILE_REVALIDATE",
      "http  | 89  | 60 | Cache-Control: stale-while-revalidate=30 |                      | STALE_WHILE_REVALIDATE",
      "http  | 90  | 60 | Cache-Control: stale-while-revalidate=30 |                      | NETWORK",
      "http  | 70  | 60 | Cache-Control: stale-while-revalidate=30, must-revalidate | | NETWORK",
      "http  | 70  | 60 | Cache-Control: stale-while-revalidate=30 | Cache-Control: no-cache | NETWORK",
      "http  | 10  | 60 | Cache-Control: stale-while-revalidate=30 |                      | FRESH",
      "plain | 10  | 60 |                                      | Cache-Control: no-cache  | FRESH",
      "plain | 70  | 60 |                                      | Cache-Control: max-stale | NETWORK",
      "plain | 70  | 60 |                                      | Cache-Control: only-if-cached | NETWORK",
      "plain | 70  | 60 | Cache-Control: stale-while-revalidate=30 |                      | NETWORK"})
  void decisionHonoursRequestAndResponseDirectives(String mode, long age, Long ttl,
      String responseHeaders, String requestHeaders, Decision expected) {
    Reuse reuse = new Reuse(settings(mode).policy());
    CachedResponse cached = stored(age, ttl, responseHeaders);

    Decision decision = reuse.decide(NOW, request(requestHeaders), CacheOptions.DEFAULT, cached);

    assertThat(decision).isEqualTo(expected);
  }

  @ParameterizedTest(name = "options {0} on a {1} entry with validator={2} -> {3}")
  @CsvSource(value = {
      "none,         fresh, false, FRESH",
      "refresh,      fresh, true,  REVALIDATE",
      "refresh,      fresh, false, NETWORK",
      "forceRefresh, fresh, true,  NETWORK",
      "onlyIfCached, fresh, false, FRESH",
      "onlyIfCached, stale, true,  UNSATISFIABLE",
      "onlyIfCached, none,  false, UNSATISFIABLE",
      "none,         none,  false, NETWORK",
      "refresh,      immutable, true, REVALIDATE"})
  void perRequestOptionsDecideInEveryMode(String option, String entry, boolean validator,
      Decision expected) {
    CacheOptions.Builder options = CacheOptions.builder();
    switch (option) {
      case "refresh" -> options.refresh();
      case "forceRefresh" -> options.forceRefresh();
      case "onlyIfCached" -> options.onlyIfCached();
      default -> { }
    }
    String headers = (validator ? "ETag: \"a\";" : "")
        + ("immutable".equals(entry) ? "Cache-Control: immutable" : "X: y");
    CachedResponse cached = "none".equals(entry) ? null
        : stored("stale".equals(entry) ? 70 : 10, 60L, headers);
    for (String mode : new String[] {"http", "plain"}) {
      Reuse reuse = new Reuse(settings(mode).policy());
      assertThat(reuse.decide(NOW, request(null), options.build(), cached)).as(mode)
          .isEqualTo(expected);
    }
  }

  @Test
  void staleWhileRevalidateSettingAppliesWithoutCacheControl() {
    Reuse reuse = new Reuse(TestSettings.plain().staleWhileRevalidate(Duration.ofSeconds(30))
        .policy());

    assertThat(reuse.decide(NOW, request(null), CacheOptions.DEFAULT, stored(89, 60L, null)))
        .isEqualTo(Decision.STALE_WHILE_REVALIDATE);
    assertThat(reuse.decide(NOW, request(null), CacheOptions.DEFAULT, stored(90, 60L, null)))
        .isEqualTo(Decision.NETWORK);
  }

  @ParameterizedTest(name = "[{0}] setting {1}s, response \"{2}\", request \"{3}\", {4}s stale -> {5}")
  @CsvSource(delimiter = '|', value = {
      "plain | 60 |                                     |                             | 59  | true",
      "plain | 60 |                                     |                             | 60  | false",
      "plain | 0  |                                     |                             | 1   | false",
      "plain | 60 | Cache-Control: stale-if-error=5     |                             | 30  | true",
      "http  | 60 | Cache-Control: stale-if-error=5     |                             | 30  | false",
      "http  | 0  | Cache-Control: stale-if-error=100   |                             | 99  | true",
      "http  | 0  | Cache-Control: stale-if-error=100   |                             | 100 | false",
      "http  | 0  | Cache-Control: stale-if-error=100   | Cache-Control: stale-if-error=10 | 30 | false",
      "http  | 60 | Cache-Control: must-revalidate      |                             | 1   | false",
      "http  | 60 | Cache-Control: no-cache             |                             | 1   | false",
      "plain | 60 | Cache-Control: must-revalidate      |                             | 1   | true",
      "http  | 60 |                                     |                             | -10 | true"})
  void staleIfErrorServesWithinItsWindowUnlessForbidden(String mode, long setting,
      String responseHeaders, String requestHeaders, long staleSeconds, boolean expected) {
    Reuse reuse = new Reuse(settings(mode).staleIfError(Duration.ofSeconds(setting)).policy());
    CachedResponse cached = stored(60 + staleSeconds, 60L, responseHeaders);

    assertThat(reuse.mayServeOnError(NOW, request(requestHeaders), CacheOptions.DEFAULT, cached))
        .isEqualTo(expected);
  }

  @Test
  void perRequestExpirationReplacesTheStoredOneUnlessTheResponseStatesItsFreshness() {
    CacheOptions shortLived = CacheOptions.builder().expireAfter(Duration.ofSeconds(5)).build();
    CachedResponse plain = stored(10, 60L, null);
    CachedResponse explicit = stored(10, 60L, "Cache-Control: max-age=60");

    Reuse http = new Reuse(TestSettings.http().policy());
    Reuse ignoring = new Reuse(TestSettings.plain().policy());

    assertThat(http.expiresFor(plain, shortLived)).contains(NOW.minusSeconds(5));
    assertThat(http.expiresFor(explicit, shortLived)).contains(NOW.plusSeconds(50));
    assertThat(ignoring.expiresFor(explicit, shortLived)).contains(NOW.minusSeconds(5));
    assertThat(ignoring.expiresFor(explicit, CacheOptions.builder()
        .expireAfter(Expiration.NEVER).build())).isEmpty();
  }

  private static TestSettings settings(String mode) {
    return "http".equals(mode) ? TestSettings.http() : TestSettings.plain();
  }

  private static Request request(String headers) {
    return new Request.Builder().url("https://example.com/r").headers(PolicyTest.parse(headers))
        .build();
  }

  private static CachedResponse stored(long age, Long ttl, String headers) {
    Instant received = NOW.minusSeconds(age);
    Headers parsed = PolicyTest.parse(headers);
    return CachedResponse.builder().url("https://example.com/r").method("GET").status(200)
        .headers(parsed).requestSentAt(received).createdAt(received)
        .expires(ttl == null ? null : received.plusSeconds(ttl)).build();
  }
}
