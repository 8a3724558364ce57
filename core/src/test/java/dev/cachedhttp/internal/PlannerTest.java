package dev.cachedhttp.internal;

import static dev.cachedhttp.internal.TestSettings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import okhttp3.Request;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {

  /**
   * A stored response received {@code age} seconds ago that expires {@code ttl} seconds after it
   * was received (blank: never), with response headers, asked for with request headers.
   */
  @ParameterizedTest(name = "[{0}] age {1}, ttl {2}, response \"{3}\", request \"{4}\" -> {5}")
  @CsvSource(delimiter = '|', value = {
      "http  | 10  | 60 |                                      |                          | SERVE",
      "http  | 60  | 60 |                                      |                          | FETCH disconnected",
      "http  | 60  | 60 | ETag: \"a\"                          |                          | FETCH conditional disconnected",
      "http  | 10  |    |                                      |                          | SERVE",
      "http  | 10  | 60 |                                      | Cache-Control: no-cache  | FETCH fallback",
      "http  | 10  | 60 | ETag: \"a\"                          | Cache-Control: no-cache  | FETCH conditional fallback",
      "http  | 10  | 60 | ETag: \"a\"                          | Cache-Control: max-age=5 | FETCH conditional fallback",
      "http  | 10  | 60 |                                      | Cache-Control: max-age=10 | SERVE",
      "http  | 10  | 60 | Age: 30                              | Cache-Control: max-age=20 | FETCH fallback",
      "http  | 10  | 60 |                                      | Cache-Control: min-fresh=50 | SERVE",
      "http  | 10  | 60 |                                      | Cache-Control: min-fresh=51 | FETCH fallback",
      "http  | 70  | 60 |                                      | Cache-Control: max-stale | SERVE",
      "http  | 70  | 60 |                                      | Cache-Control: max-stale=10 | SERVE",
      "http  | 71  | 60 |                                      | Cache-Control: max-stale=10 | FETCH disconnected",
      "http  | 70  | 60 | Cache-Control: must-revalidate       | Cache-Control: max-stale | FETCH",
      "http  | 70  | 60 | Cache-Control: no-cache; ETag: \"a\" | Cache-Control: max-stale | FETCH conditional",
      "http  | 10  | 60 |                                      | Cache-Control: only-if-cached | SERVE",
      "http  | 70  | 60 | ETag: \"a\"                          | Cache-Control: only-if-cached | UNSATISFIABLE",
      "http  | 70  | 60 |                                      | Cache-Control: only-if-cached, max-stale | SERVE",
      "http  | 10  | 60 | Cache-Control: immutable             | Cache-Control: no-cache  | SERVE",
      "http  | 10  | 60 | Cache-Control: immutable             | Cache-Control: max-age=0 | SERVE",
      "http  | 70  | 60 | Cache-Control: immutable; ETag: \"a\" | Cache-Control: no-cache | FETCH conditional",
      "http  | 70  | 60 | Cache-Control: stale-while-revalidate=30 |                      | SERVE_STALE_AND_REFRESH",
      "http  | 89  | 60 | Cache-Control: stale-while-revalidate=30 |                      | SERVE_STALE_AND_REFRESH",
      "http  | 90  | 60 | Cache-Control: stale-while-revalidate=30 |                      | FETCH disconnected",
      "http  | 70  | 60 | Cache-Control: stale-while-revalidate=30, must-revalidate | | FETCH",
      "http  | 70  | 60 | Cache-Control: stale-while-revalidate=30 | Cache-Control: no-cache | FETCH",
      "http  | 10  | 60 | Cache-Control: stale-while-revalidate=30 |                      | SERVE",
      "plain | 10  | 60 |                                      | Cache-Control: no-cache  | SERVE",
      "plain | 70  | 60 |                                      | Cache-Control: max-stale | FETCH",
      "plain | 70  | 60 |                                      | Cache-Control: only-if-cached | FETCH",
      "plain | 70  | 60 | Cache-Control: stale-while-revalidate=30 |                      | FETCH"})
  void decisionHonoursRequestAndResponseDirectives(String mode, long age, Long ttl,
      String responseHeaders, String requestHeaders, String expected) {
    Planner planner = new Planner(settings(mode).policy());
    CachedResponse cached = stored(age, ttl, responseHeaders);

    Plan plan = planner.plan(NOW, request(requestHeaders), CacheOptions.DEFAULT, cached, false);

    assertThat(describe(plan)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "options {0} on a {1} entry with validator={2} -> {3}")
  @CsvSource(value = {
      "none,         fresh, false, SERVE",
      "refresh,      fresh, true,  FETCH conditional fallback",
      "refresh,      fresh, false, FETCH fallback",
      "onlyIfCached, fresh, false, SERVE",
      "onlyIfCached, stale, true,  UNSATISFIABLE",
      "onlyIfCached, none,  false, UNSATISFIABLE",
      "none,         none,  false, FETCH",
      "refresh,      immutable, true, FETCH conditional fallback"})
  void perRequestOptionsDecideInEveryMode(String option, String entry, boolean validator,
      String expected) {
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
      Planner planner = new Planner(settings(mode).policy());
      assertThat(describe(planner.plan(NOW, request(null), options.build(), cached, false)))
          .as(mode).isEqualTo(expected);
    }
  }

  @Test
  void staleWhileRevalidateSettingAppliesWithoutCacheControl() {
    Planner planner = new Planner(TestSettings.plain()
        .staleWhileRevalidate(Duration.ofSeconds(30)).policy());

    assertThat(planner.plan(NOW, request(null), CacheOptions.DEFAULT, stored(89, 60L, null),
        false).action()).isEqualTo(Plan.Action.SERVE_STALE_AND_REFRESH);
    assertThat(planner.plan(NOW, request(null), CacheOptions.DEFAULT, stored(90, 60L, null),
        false).action()).isEqualTo(Plan.Action.FETCH);
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
      "http  | 60 | ETag: \"a\"                         |                             | 30  | true"})
  void staleIfErrorServesWithinItsWindowUnlessForbidden(String mode, long setting,
      String responseHeaders, String requestHeaders, long staleSeconds, boolean expected) {
    Planner planner = new Planner(settings(mode).staleIfError(Duration.ofSeconds(setting))
        .policy());
    CachedResponse cached = stored(60 + staleSeconds, 60L, responseHeaders);

    Plan plan = planner.plan(NOW, request(requestHeaders), CacheOptions.DEFAULT, cached, false);

    assertThat(plan.action()).isEqualTo(Plan.Action.FETCH);
    assertThat(plan.fallbackOnServerError()).isEqualTo(expected);
    if (expected) {
      assertThat(plan.staleFallback()).isSameAs(cached);
    }
  }

  @Test
  void perRequestExpirationReplacesTheStoredOneUnlessTheResponseStatesItsFreshness() {
    CacheOptions shortLived = CacheOptions.builder().expireAfter(Duration.ofSeconds(5)).build();
    CachedResponse plain = stored(10, 60L, null);
    CachedResponse explicit = stored(10, 60L, "Cache-Control: max-age=60");

    Planner http = new Planner(TestSettings.http().policy());
    Planner ignoring = new Planner(TestSettings.plain().policy());

    assertThat(http.expiresFor(plain, shortLived)).contains(NOW.minusSeconds(5));
    assertThat(http.expiresFor(explicit, shortLived)).contains(NOW.plusSeconds(50));
    assertThat(ignoring.expiresFor(explicit, shortLived)).contains(NOW.minusSeconds(5));
    assertThat(ignoring.expiresFor(explicit, CacheOptions.builder()
        .expireAfter(Expiration.NEVER).build())).isEmpty();
  }

  /**
   * A fresh entry the request will not take (no-cache, max-age, min-fresh, refresh) is still the
   * fallback when the origin then fails: it is within any stale-if-error window.
   */
  @Test
  void aFreshEntryTheRequestRefusesIsTheFallbackWhenTheOriginFails() {
    Planner planner = new Planner(TestSettings.http().policy());
    CachedResponse cached = stored(10, 60L, null);

    Plan plan = planner.plan(NOW, request("Cache-Control: no-cache"), CacheOptions.DEFAULT,
        cached, false);

    assertThat(plan.staleFallback()).isSameAs(cached);
  }

  /**
   * The caller's own conditions and ranges (RFC 9111 section 4.3.2, RFC 9110 section 14) against
   * a stored 200 with {@code ETag: "a"} and {@code Last-Modified}, fresh or stale.
   */
  @ParameterizedTest(name = "{0} entry, request \"{1}\" -> {2}")
  @CsvSource(delimiter = '|', value = {
      "fresh | If-None-Match: \"a\"                          | NOT_MODIFIED",
      "fresh | If-None-Match: W/\"a\"                        | NOT_MODIFIED",
      "fresh | If-None-Match: \"b\", \"a\"                   | NOT_MODIFIED",
      "fresh | If-None-Match: *                               | NOT_MODIFIED",
      "fresh | If-None-Match: \"b\"                          | SERVE",
      "fresh | If-Modified-Since: Sun, 01 Mar 2026 11:00:00 GMT | NOT_MODIFIED",
      "fresh | If-Modified-Since: Sun, 01 Mar 2026 09:00:00 GMT | SERVE",
      "fresh | If-Modified-Since: yesterday                   | SERVE",
      "fresh | If-None-Match: \"b\"; If-Modified-Since: Sun, 01 Mar 2026 11:00:00 GMT | SERVE",
      "stale | If-None-Match: \"a\"                          | FETCH disconnected",
      "stale | Range: bytes=0-1                               | FETCH conditional disconnected",
      "stale |                                                | FETCH conditional disconnected",
      "fresh | Range: bytes=0-1                               | SERVE"})
  void callersConditionsAreAnsweredFromAFreshEntryAndPassedOnOtherwise(String entry,
      String requestHeaders, String expected) {
    Planner planner = new Planner(TestSettings.http().policy());
    CachedResponse cached = stored("fresh".equals(entry) ? 10 : 70, 60L,
        "ETag: \"a\"; Last-Modified: Sun, 01 Mar 2026 10:00:00 GMT");

    Plan plan = planner.plan(NOW, request(requestHeaders), CacheOptions.DEFAULT, cached, false);

    assertThat(describe(plan)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "refresh of a {0} entry with validator={1} -> {2}")
  @CsvSource(value = {
      "fresh, true,  FETCH conditional",
      "stale, true,  FETCH conditional",
      "stale, false, FETCH",
      "none,  false, FETCH"})
  void aBackgroundRefreshAlwaysGoesToTheOriginWithoutAStaleFallback(String entry,
      boolean validator, String expected) {
    Planner planner = new Planner(TestSettings.http().staleIfError(Duration.ofHours(1))
        .staleWhileRevalidate(Duration.ofHours(1)).policy());
    CachedResponse cached = "none".equals(entry) ? null
        : stored("fresh".equals(entry) ? 10 : 70, 60L, validator ? "ETag: \"a\"" : null);

    Plan plan = planner.plan(NOW, request(null), CacheOptions.DEFAULT, cached, true);

    assertThat(describe(plan)).isEqualTo(expected);
  }

  /**
   * A stored 206 holding bytes 0-4 of 10 (the answer to {@code Range: bytes=0-4}) answers only
   * range requests it holds; a plain GET asks for the rest (RFC 9111 sections 3.3 and 3.4).
   */
  @ParameterizedTest(name = "{0} partial, request \"{1}\" -> {2}")
  @CsvSource(delimiter = '|', value = {
      "fresh | Range: bytes=0-4                        | SERVE",
      "fresh | Range: bytes=1-3                        | SERVE",
      "fresh | Range: bytes=-7                         | FETCH",
      "fresh | Range: bytes=3-6                        | FETCH",
      "fresh |                                         | FETCH complete",
      "fresh | If-None-Match: \"a\"                    | FETCH",
      "fresh | Range: bytes=1-3; If-None-Match: \"b\"  | FETCH",
      "fresh | Cache-Control: only-if-cached           | UNSATISFIABLE",
      "stale | Range: bytes=1-3                        | FETCH disconnected",
      "stale |                                         | FETCH complete"})
  void aStoredPartialAnswersOnlyTheRangesItHolds(String entry, String requestHeaders,
      String expected) {
    Planner planner = new Planner(TestSettings.http().policy());
    CachedResponse stored = stored("fresh".equals(entry) ? 10 : 70, 60L,
        "ETag: \"a\"; Content-Range: bytes 0-4/10");
    CachedResponse partial = stored.toBuilder().status(206).body(ByteString.encodeUtf8("01234"))
        .request(new StoredRequest("GET", stored.url(), PolicyTest.parse("Range: bytes=0-4")))
        .build();

    Plan plan = planner.plan(NOW, request(requestHeaders), CacheOptions.DEFAULT, partial, false);

    assertThat(describe(plan)).isEqualTo(expected);
  }

  /**
   * The plan as the tables spell it: the action, then "conditional", then "fallback" (stale on
   * I/O errors and 5xx) or "disconnected" (stale on I/O errors only).
   */
  private static String describe(Plan plan) {
    String fallback = plan.staleFallback() == null ? ""
        : plan.fallbackOnServerError() ? " fallback" : " disconnected";
    return plan.action() + (plan.conditional() ? " conditional" : "") + fallback
        + (plan.partial() != null ? " complete" : "");
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
