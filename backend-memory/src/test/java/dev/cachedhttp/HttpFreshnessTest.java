package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** RFC 9111 freshness and storability with {@code cacheControl(true)}, end to end. */
class HttpFreshnessTest extends OriginFixture {

  /** A 200 with {@code body} and the given alternating header names and values. */
  static MockResponse response(String body, String... namesAndValues) {
    MockResponse.Builder builder = new MockResponse.Builder().body(body);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.addHeader(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  private OkHttpClient httpClient() {
    return client(builder().cacheControl(true));
  }

  @Test
  void maxAgeMinusTheAgeHeaderDecidesHowLongAResponseIsFresh() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60", "Age", "20"));
    origin.enqueue(response("v2", "Cache-Control", "max-age=60"));
    OkHttpClient client = httpClient();

    get(client, "/a");
    clock.advance(Duration.ofSeconds(39));
    Result fresh = get(client, "/a");
    clock.advance(Duration.ofSeconds(1));
    Result refetched = get(client, "/a");

    assertThat(fresh.body()).isEqualTo("v1");
    assertThat(fresh.info().fromCache()).isTrue();
    assertThat(fresh.info().expires()).contains(clock.instant());
    assertThat(refetched.body()).isEqualTo("v2");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void expiresIsMeasuredFromTheOriginsDateNotFromTheLocalClock() throws Exception {
    Instant originNow = clock.instant().minus(Duration.ofMinutes(10));
    origin.enqueue(response("v1", "Date", httpDate(originNow),
        "Expires", httpDate(originNow.plus(Duration.ofMinutes(15)))));
    enqueue("v2");
    OkHttpClient client = httpClient();

    Result first = get(client, "/e");
    clock.advance(Duration.ofMinutes(4));
    Result fresh = get(client, "/e");
    clock.advance(Duration.ofSeconds(61));
    Result stale = get(client, "/e");

    assertThat(first.info().expires()).contains(
        dev.cachedhttp.testkit.MutableClock.DEFAULT_START.plus(Duration.ofMinutes(5)));
    assertThat(fresh.info().fromCache()).isTrue();
    assertThat(stale.body()).isEqualTo("v2");
  }

  @Test
  void anExpiresThatDoesNotParseIsAlreadyStale() throws Exception {
    origin.enqueue(response("v1", "Expires", "0", "ETag", "\"1\""));
    origin.enqueue(new MockResponse.Builder().code(304).build());
    OkHttpClient client = httpClient();

    get(client, "/bad-expires");
    Result second = get(client, "/bad-expires");

    assertThat(second.info().revalidated()).isTrue();
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void heuristicFreshnessIsATenthOfTheTimeSinceLastModified() throws Exception {
    Instant now = clock.instant();
    origin.enqueue(response("v1", "Date", httpDate(now),
        "Last-Modified", httpDate(now.minusSeconds(1000))));
    origin.enqueue(new MockResponse.Builder().code(304).build());
    OkHttpClient client = httpClient();

    get(client, "/h");
    clock.advance(Duration.ofSeconds(99));
    Result fresh = get(client, "/h");
    clock.advance(Duration.ofSeconds(1));
    Result revalidated = get(client, "/h");

    assertThat(fresh.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(revalidated.info().revalidated()).isTrue();
    assertThat(origin.takeRequest().getHeaders().get("If-Modified-Since")).isNull();
    assertThat(origin.takeRequest().getHeaders().get("If-Modified-Since"))
        .isEqualTo(httpDate(now.minusSeconds(1000)));
  }

  @Test
  void expireAfterReplacesHeuristicsButNotExplicitFreshness() throws Exception {
    Instant now = clock.instant();
    origin.enqueue(response("heuristic", "Date", httpDate(now),
        "Last-Modified", httpDate(now.minusSeconds(1000))));
    origin.enqueue(response("explicit", "Cache-Control", "max-age=5"));
    OkHttpClient client = client(builder().cacheControl(true)
        .expireAfter(Duration.ofMinutes(10)));

    Result heuristic = get(client, "/x");
    Result explicit = get(client, "/y");

    assertThat(heuristic.info().expires()).contains(now.plus(Duration.ofMinutes(10)));
    assertThat(explicit.info().expires()).contains(now.plusSeconds(5));
  }

  @Test
  void withoutFreshnessOrValidatorNothingIsStoredAndWithAValidatorEveryUseRevalidates()
      throws Exception {
    enqueue("plain1", "plain2");
    origin.enqueue(response("tagged", "ETag", "\"t\""));
    origin.enqueue(new MockResponse.Builder().code(304).build());
    OkHttpClient client = httpClient();

    get(client, "/plain");
    Result plain = get(client, "/plain");
    get(client, "/tagged");
    Result tagged = get(client, "/tagged");

    assertThat(plain.body()).isEqualTo("plain2");
    assertThat(plain.info().fromCache()).isFalse();
    assertThat(tagged.info().revalidated()).isTrue();
    assertThat(tagged.body()).isEqualTo("tagged");
    assertThat(origin.getRequestCount()).isEqualTo(4);
  }

  @Test
  void noStoreInTheResponseOrTheRequestPreventsStoring() throws Exception {
    origin.enqueue(response("r1", "Cache-Control", "no-store, max-age=60"));
    origin.enqueue(response("r2", "Cache-Control", "max-age=60"));
    origin.enqueue(response("r3", "Cache-Control", "max-age=60"));
    OkHttpClient client = httpClient();

    get(client, "/ns");
    Request noStore = new Request.Builder().url(origin.url("/ns"))
        .header("Cache-Control", "no-store").build();
    Result second = call(client, noStore);
    Result third = get(client, "/ns");

    assertThat(second.body()).isEqualTo("r2");
    assertThat(second.info().stored()).isFalse();
    assertThat(third.body()).isEqualTo("r3");
    assertThat(third.info().stored()).isTrue();
    assertThat(call(client, noStore).info().fromCache()).isTrue();
  }

  @Test
  void noCacheResponsesAreStoredButRevalidatedBeforeEveryUse() throws Exception {
    origin.enqueue(response("body", "Cache-Control", "no-cache, max-age=600", "ETag", "\"n\""));
    origin.enqueue(new MockResponse.Builder().code(304).build());
    origin.enqueue(new MockResponse.Builder().code(304).build());
    OkHttpClient client = httpClient();

    get(client, "/nc");
    Result second = get(client, "/nc");
    Result third = get(client, "/nc");

    assertThat(second.info().revalidated()).isTrue();
    assertThat(third.info().revalidated()).isTrue();
    assertThat(third.body()).isEqualTo("body");
    assertThat(origin.getRequestCount()).isEqualTo(3);
  }

  @Test
  void partialContentVaryStarAndUncacheableStatusesAreNotStored() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(206).body("part")
        .addHeader("Cache-Control", "max-age=60").build());
    origin.enqueue(response("star", "Cache-Control", "max-age=60", "Vary", "*"));
    origin.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere")
        .addHeader("ETag", "\"r\"").build());
    OkHttpClient client = client(builder().cacheControl(true).allowableCodes(200, 206, 302));
    OkHttpClient noRedirects = client.newBuilder().followRedirects(false).build();

    assertThat(get(client, "/partial").info().stored()).isFalse();
    assertThat(get(client, "/star").info().stored()).isFalse();
    assertThat(get(noRedirects, "/redirect").info().stored()).isFalse();
    assertThat(cached.inspector().count()).isZero();
  }

  @Test
  void requestDirectivesMaxAgeMinFreshMaxStaleAndOnlyIfCachedAreHonoured() throws Exception {
    // The ETag keeps the entry stored for the revalidation window after it expires; without a
    // validator or a stale window the storage may drop it at expiry, so max-stale finds nothing.
    origin.enqueue(response("v1", "Cache-Control", "max-age=100", "ETag", "\"1\""));
    origin.enqueue(response("v2", "Cache-Control", "max-age=100"));
    OkHttpClient client = httpClient();
    get(client, "/rd");
    clock.advance(Duration.ofSeconds(50));

    Result minFreshOk = call(client, withCacheControl("/rd", "min-fresh=50"));
    Result maxAgeOk = call(client, withCacheControl("/rd", "max-age=50"));
    clock.advance(Duration.ofSeconds(60));
    Result maxStale = call(client, withCacheControl("/rd", "max-stale=10"));
    Result onlyIfCached = call(client, withCacheControl("/rd", "only-if-cached"));
    Result tooStale = call(client, withCacheControl("/rd", "max-stale=9"));

    assertThat(minFreshOk.info().fromCache()).isTrue();
    assertThat(maxAgeOk.info().fromCache()).isTrue();
    assertThat(maxStale.body()).isEqualTo("v1");
    assertThat(maxStale.info().isExpired()).isTrue();
    assertThat(onlyIfCached.code()).isEqualTo(504);
    assertThat(tooStale.body()).isEqualTo("v2");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void immutableResponsesAreNotRevalidatedOnReloadWhileFresh() throws Exception {
    origin.enqueue(response("app.js", "Cache-Control", "max-age=3600, immutable",
        "ETag", "\"i\""));
    OkHttpClient client = httpClient();
    get(client, "/app.js");

    Result reload = call(client, withCacheControl("/app.js", "no-cache"));

    assertThat(reload.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void requestNoCacheRevalidatesAFreshEntry() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=3600", "ETag", "\"1\""));
    origin.enqueue(new MockResponse.Builder().code(304).build());
    OkHttpClient client = httpClient();
    get(client, "/reload");

    Result reload = call(client, withCacheControl("/reload", "no-cache"));

    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"1\"");
    assertThat(reload.info().revalidated()).isTrue();
  }

  @Test
  void responseHeadersWinOverThePerRequestExpirationWhichWinsOverSettings() throws Exception {
    origin.enqueue(response("explicit", "Cache-Control", "max-age=5"));
    enqueue("silent");
    OkHttpClient client = client(builder().cacheControl(true).expireAfter(Duration.ofHours(1)));
    CacheOptions thirtySeconds = CacheOptions.builder().expireAfter(Duration.ofSeconds(30))
        .build();
    Instant start = clock.instant();

    Result explicit = call(client, new Request.Builder().url(origin.url("/p1"))
        .tag(CacheOptions.class, thirtySeconds).build());
    Result silent = call(client, new Request.Builder().url(origin.url("/p2"))
        .tag(CacheOptions.class, thirtySeconds).build());

    assertThat(explicit.info().expires()).contains(start.plusSeconds(5));
    assertThat(silent.info().expires()).contains(start.plusSeconds(30));
  }

  private Request withCacheControl(String path, String value) {
    return new Request.Builder().url(origin.url(path)).header("Cache-Control", value).build();
  }
}
