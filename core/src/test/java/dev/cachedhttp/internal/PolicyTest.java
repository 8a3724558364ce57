package dev.cachedhttp.internal;

import static dev.cachedhttp.internal.FreshnessTest.date;
import static dev.cachedhttp.internal.TestSettings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {
  private static final Optional<Expiration> UNSET = Optional.empty();
  private static final Optional<Expiration> TEN_MINUTES =
      Optional.of(Expiration.after(Duration.ofMinutes(10)));

  /** Headers from "Name: value; Name: value", where a date value {@code @N} is NOW + N s. */
  static Headers parse(String spec) {
    Headers.Builder h = new Headers.Builder();
    if (spec == null) {
      return h.build();
    }
    for (String field : spec.split(";")) {
      int colon = field.indexOf(':');
      String value = field.substring(colon + 1).trim();
      h.add(field.substring(0, colon).trim(),
          value.startsWith("@") ? date(Long.parseLong(value.substring(1))) : value);
    }
    return h.build();
  }

  private static Long secondsFromNow(Instant instant) {
    return instant == null ? null : Duration.between(NOW, instant).getSeconds();
  }

  @ParameterizedTest(name = "[{0}] {1} {2}, configured={3} -> fresh for {4}")
  @CsvSource(delimiter = '|', value = {
      // mode | status | response headers                           | 10 min set | seconds (blank never)
      "http  | 200 | Cache-Control: max-age=60                      | false | 60",
      "http  | 200 | Cache-Control: max-age=60                      | true  | 60",
      "http  | 200 | Cache-Control: max-age=60; Age: 20             | false | 40",
      "http  | 200 | Cache-Control: max-age=60; Date: @-100         | false | -40",
      "http  | 200 | Cache-Control: max-age=60, s-maxage=600        | false | 60",
      "http  | 200 | Cache-Control: no-cache, max-age=60            | false | 0",
      "http  | 200 | Expires: @300; Date: @0                        | false | 300",
      "http  | 200 | Expires: 0; Date: @0                           | false | 0",
      "http  | 200 | Last-Modified: @-1000; Date: @0                | false | 100",
      "http  | 200 | Last-Modified: @-1000; Date: @0                | true  | 600",
      "http  | 200 | ETag: \"x\"                                    | false | 0",
      "http  | 200 | ETag: \"x\"                                    | true  | 600",
      "plain | 200 | Cache-Control: max-age=60                      | false | ",
      "plain | 200 | Cache-Control: max-age=60                      | true  | 600",
      "plain | 200 | Cache-Control: no-cache                        | false | "})
  void expiryFollowsThePrecedenceOrder(String mode, int status, String headers,
      boolean configured, Long expected) {
    Policy policy = ("http".equals(mode) ? TestSettings.http() : TestSettings.plain()).policy();
    Instant expires = policy.expiresAt(status, parse(headers), configured ? TEN_MINUTES : UNSET,
        NOW, NOW);
    assertThat(secondsFromNow(expires)).isEqualTo(expected);
  }

  @Test
  void perRequestExpirationWinsOverUrlAndGlobalSettingsButNotOverResponseHeaders() {
    Policy policy = TestSettings.http().expireAfter(Expiration.after(Duration.ofHours(1)))
        .policy();
    CacheOptions perRequest = CacheOptions.builder().expireAfter(Duration.ofSeconds(30)).build();
    Request request = TestSettings.get();

    Optional<Expiration> configured = policy.configuredExpiration(request, perRequest);
    Instant withHeaders = policy.expiresAt(200, parse("Cache-Control: max-age=5"), configured,
        NOW, NOW);
    Instant withoutHeaders = policy.expiresAt(200, Headers.of(), configured, NOW, NOW);

    assertThat(configured).contains(Expiration.after(Duration.ofSeconds(30)));
    assertThat(secondsFromNow(withHeaders)).isEqualTo(5);
    assertThat(secondsFromNow(withoutHeaders)).isEqualTo(30);
    assertThat(policy.configuredExpiration(request, CacheOptions.DEFAULT))
        .contains(Expiration.after(Duration.ofHours(1)));
    assertThat(TestSettings.http().policy().configuredExpiration(request, CacheOptions.DEFAULT))
        .isEmpty();
  }

  @ParameterizedTest(name = "[{0}] {1} request \"{2}\" response \"{3}\" -> storable {4}")
  @CsvSource(delimiter = '|', value = {
      "http  | 200 |                         | Cache-Control: max-age=60               | true",
      "http  | 200 |                         | Cache-Control: no-store, max-age=60     | false",
      "http  | 200 | Cache-Control: no-store | Cache-Control: max-age=60               | false",
      "plain | 200 | Cache-Control: no-store | Cache-Control: no-store                 | true",
      "http  | 200 |                         | Cache-Control: max-age=60; Vary: *      | false",
      "plain | 200 |                         | Vary: Accept, *                         | false",
      "http  | 200 |                         | Cache-Control: max-age=60; Vary: Accept | true",
      "http  | 206 |                         | Cache-Control: max-age=60               | false",
      "plain | 206 |                         | ETag: \"a\"                             | false",
      "http  | 206 | Range: bytes=0-4        | Cache-Control: max-age=60; Content-Range: bytes 0-4/10 | true",
      "http  | 206 | Range: bytes=0-4        | Cache-Control: max-age=60; Content-Range: bytes 0-4/* | true",
      "plain | 206 | Range: bytes=0-4        | ETag: \"a\"; Content-Range: bytes 0-4/10 | true",
      "http  | 206 | Range: bytes=0-4        | Cache-Control: max-age=60               | false",
      "http  | 206 | Range: bytes=0-4        | Cache-Control: max-age=60; Content-Range: bytes 4-0/10 | false",
      "http  | 206 | Range: bytes=0-4        | Cache-Control: max-age=60; Content-Range: bytes 0-9/5 | false",
      "http  | 206 | Range: bytes=0-4        | Cache-Control: max-age=60; Content-Range: bytes 0-4/10; Content-Length: 6 | false",
      "http  | 206 | Range: bytes=0-1,3-4    | Cache-Control: max-age=60; Content-Range: bytes 0-4/10 | false",
      "http  | 206 | Range: bytes=0-4        | ETag: \"a\"; Content-Range: bytes 0-4/10 | false",
      "http  | 302 |                         | ETag: \"a\"                             | false",
      "http  | 302 |                         | Cache-Control: max-age=60               | true",
      "http  | 302 |                         | Expires: @60                            | true",
      "http  | 302 |                         | Cache-Control: public; ETag: \"a\"      | true",
      "plain | 302 |                         | ETag: \"a\"                             | true",
      "http  | 404 |                         | ETag: \"a\"                             | true",
      "http  | 200 |                         | X-None: 1                               | false",
      "http  | 200 |                         | ETag: \"a\"                             | true",
      "http  | 200 |                         | Last-Modified: @-1000                   | true",
      "http  | 200 |                         | Cache-Control: no-cache                 | false",
      "http  | 200 |                         | Cache-Control: no-cache; ETag: \"a\"    | true",
      "http  | 200 |                         | Cache-Control: max-age=0, stale-if-error=60 | true",
      "http  | 500 |                         | Cache-Control: max-age=60               | false"})
  void storableFollowsStatusDirectivesAndValidators(String mode, int status,
      String requestHeaders, String responseHeaders, boolean expected) {
    Policy policy = ("http".equals(mode) ? TestSettings.http() : TestSettings.plain())
        .codes(200, 206, 302, 404).policy();
    Request request = new Request.Builder().url("https://example.com/r")
        .headers(parse(requestHeaders)).build();
    Response response = new Response.Builder().request(request).protocol(Protocol.HTTP_1_1)
        .code(status).message("x").headers(parse(responseHeaders)).build();
    Instant expires = policy.expiresAt(status, response.headers(), UNSET, NOW, NOW);

    assertThat(policy.storable(request, response, expires, NOW)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] \"{1}\" validator={2} -> kept {3}s after expiry")
  @CsvSource(delimiter = '|', value = {
      "plain |                                                | false | 3600",
      "plain |                                                | true  | 86400",
      "plain | Cache-Control: stale-if-error=999999           | false | 3600",
      "http  | Cache-Control: stale-if-error=999999           | false | 999999",
      "http  | Cache-Control: stale-while-revalidate=120      | false | 86400",
      "http  | Cache-Control: stale-while-revalidate=999999   | false | 999999",
      "http  | Cache-Control: no-cache                        | false | 0",
      "http  | Cache-Control: must-revalidate, stale-if-error=9999 | false | 0",
      "http  | Cache-Control: must-revalidate                 | true  | 86400"})
  void storageKeepsEntriesForTheLongestWindowTheyMayStillBeUsedIn(String mode, String headers,
      boolean validator, long expected) {
    Policy policy = ("http".equals(mode) ? TestSettings.http() : TestSettings.plain())
        .staleIfError(Duration.ofHours(1)).policy();

    Instant kept = policy.storageExpiry(NOW, parse(headers), validator);

    assertThat(secondsFromNow(kept)).isEqualTo(expected);
    assertThat(policy.storageExpiry(null, parse(headers), validator)).isNull();
  }

  @Test
  void preconditionsTheCacheDoesNotEvaluatePassThroughAndTheOthersUseTheCache() {
    Policy policy = TestSettings.http().policy();
    for (String name : new String[] {"If-Match", "If-Unmodified-Since", "If-Range"}) {
      assertThat(policy.usesCache(TestSettings.get(name, "x"), CacheOptions.DEFAULT,
          Expiration.NEVER)).as(name).isFalse();
    }
    for (String name : new String[] {"If-None-Match", "If-Modified-Since"}) {
      assertThat(policy.usesCache(TestSettings.get(name, "x"), CacheOptions.DEFAULT,
          Expiration.NEVER)).as(name).isTrue();
    }
    assertThat(policy.usesCache(TestSettings.get("Cache-Control", "no-store"),
        CacheOptions.DEFAULT, Expiration.NEVER)).isTrue();
  }
}
