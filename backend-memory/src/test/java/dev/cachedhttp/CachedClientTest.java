package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.testkit.FailingBackend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class CachedClientTest extends OriginFixture {

  @Test
  void secondIdenticalGetIsServedFromCacheWithIdenticalResponse() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .addHeader("X-Multi", "one").addHeader("X-Multi", "two").body("hello").build());
    OkHttpClient client = client(builder());

    Result first = get(client, "/hello");
    Result second = get(client, "/hello");

    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(first.info().fromCache()).isFalse();
    assertThat(first.info().stored()).isTrue();
    assertThat(second.info().fromCache()).isTrue();
    assertThat(second.code()).isEqualTo(first.code());
    assertThat(second.response().message()).isEqualTo(first.response().message());
    assertThat(second.response().headers().newBuilder().removeAll("Age").build())
        .isEqualTo(first.response().headers());
    assertThat(second.response().header("Age")).isEqualTo("0");
    assertThat(second.response().headers("X-Multi")).containsExactly("one", "two");
    assertThat(second.body()).isEqualTo("hello");
    assertThat(second.info().cacheKey()).isEqualTo(first.info().cacheKey()).hasSize(65);
    assertThat(second.info().createdAt()).isEqualTo(clock.instant());
    assertThat(cached.stats().hits()).isEqualTo(1);
    assertThat(cached.stats().misses()).isEqualTo(1);
    assertThat(cached.stats().writes()).isEqualTo(1);
  }

  @Test
  void responseWhoseBodyIsNotReadIsStillStoredWhole() throws Exception {
    enqueue("a body nobody read");
    OkHttpClient client = client(builder());

    Request request = new Request.Builder().url(origin.url("/unread")).build();
    client.newCall(request).execute().close();
    Result second = get(client, "/unread");

    assertThat(second.info().fromCache()).isTrue();
    assertThat(second.body()).isEqualTo("a body nobody read");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void bodyLargerThanTheLimitStreamsThroughUncachedWithoutBeingBufferedWhole()
      throws Exception {
    String big = "x".repeat(2 << 20);
    enqueue(big, big);
    OkHttpClient client = client(builder().maxBodyBytes(16 * 1024));

    Request request = new Request.Builder().url(origin.url("/big")).build();
    try (Response response = client.newCall(request).execute()) {
      Buffer alreadyBuffered = response.body().source().getBuffer();
      assertThat(alreadyBuffered.size()).isLessThan(256 * 1024);
      assertThat(response.body().string()).isEqualTo(big);
      assertThat(CacheInfo.of(response).stored()).isFalse();
    }
    Result second = get(client, "/big");

    assertThat(second.info().fromCache()).isFalse();
    assertThat(second.body()).hasSize(big.length());
    assertThat(origin.getRequestCount()).isEqualTo(2);
    assertThat(cached.inspector().count()).isZero();
    assertThat(cached.stats().writesSkipped()).isEqualTo(2);
  }

  @Test
  void expireAfterKeepsResponsesFreshForTheDurationThenRefetches() throws Exception {
    enqueue("v1", "v2");
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(5)));

    get(client, "/e");
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    Result stillFresh = get(client, "/e");
    clock.advance(Duration.ofSeconds(1));
    Result refetched = get(client, "/e");

    assertThat(stillFresh.body()).isEqualTo("v1");
    assertThat(stillFresh.info().fromCache()).isTrue();
    assertThat(stillFresh.info().expires()).contains(
        MutableClockStart.PLUS_5_MIN);
    assertThat(refetched.body()).isEqualTo("v2");
    assertThat(refetched.info().fromCache()).isFalse();
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void urlPatternsApplyFirstMatchBeforeTheGlobalSetting() throws Exception {
    Map<String, Expiration> patterns = new LinkedHashMap<>();
    String host = origin.getHostName() + ":" + origin.getPort();
    patterns.put(host + "/api/slow/*", Expiration.after(Duration.ofHours(1)));
    patterns.put(host + "/api/**", Expiration.after(Duration.ofMinutes(1)));
    patterns.put(host + "/nocache", Expiration.DO_NOT_CACHE);
    enqueue("slow1", "fast1", "other1", "nc1", "nc2", "fast2", "other2");
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(10))
        .urlsExpireAfter(patterns));

    get(client, "/api/slow/x");
    get(client, "/api/fast");
    get(client, "/other");
    get(client, "/nocache");
    get(client, "/nocache");
    clock.advance(Duration.ofMinutes(2));

    assertThat(get(client, "/api/slow/x").body()).isEqualTo("slow1");
    assertThat(get(client, "/api/fast").body()).isEqualTo("fast2");
    assertThat(get(client, "/other").body()).isEqualTo("other1");
    clock.advance(Duration.ofMinutes(9));
    assertThat(get(client, "/other").body()).isEqualTo("other2");
    assertThat(origin.getRequestCount()).isEqualTo(7);
  }

  @Test
  void perRequestExpirationOverridesTheClientSettingForReadAndWrite() throws Exception {
    enqueue("v1", "v2", "v3");
    OkHttpClient client = client(builder().expireAfter(Duration.ofHours(1)));
    Request shortLived = new Request.Builder().url(origin.url("/p"))
        .tag(CacheOptions.class, CacheOptions.builder().expireAfter(Duration.ofSeconds(30))
            .build())
        .build();

    Result first = get(client, "/p");
    clock.advance(Duration.ofSeconds(31));
    Result viaDefault = get(client, "/p");
    Result viaShort = call(client, shortLived);
    Result afterShortWrite = get(client, "/p");
    clock.advance(Duration.ofSeconds(31));
    Result afterShortExpiry = get(client, "/p");

    assertThat(first.info().expires()).contains(MutableClockStart.PLUS_1_H);
    assertThat(viaDefault.body()).isEqualTo("v1");
    assertThat(viaDefault.info().fromCache()).isTrue();
    assertThat(viaShort.body()).isEqualTo("v2");
    assertThat(viaShort.info().fromCache()).isFalse();
    assertThat(viaShort.info().expires()).contains(MutableClockStart.PLUS_31_S.plusSeconds(30));
    assertThat(afterShortWrite.body()).isEqualTo("v2");
    assertThat(afterShortWrite.info().fromCache()).isTrue();
    assertThat(afterShortExpiry.body()).isEqualTo("v3");
    assertThat(origin.getRequestCount()).isEqualTo(3);
  }

  @Test
  void refreshRevalidatesWithTheStoredEtagAndServesTheStoredBodyOn304() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("ETag", "\"abc\"")
        .addHeader("X-Version", "1").body("payload").build());
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"abc\"")
        .addHeader("X-Version", "2").build());
    OkHttpClient client = client(builder());
    get(client, "/r");
    clock.advance(Duration.ofSeconds(5));

    Result refreshed = call(client, new Request.Builder().url(origin.url("/r"))
        .tag(CacheOptions.class, CacheOptions.builder().refresh().build()).build());

    origin.takeRequest();
    RecordedRequest conditional = origin.takeRequest();
    assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"abc\"");
    assertThat(refreshed.body()).isEqualTo("payload");
    assertThat(refreshed.info().revalidated()).isTrue();
    assertThat(refreshed.info().fromCache()).isTrue();
    assertThat(refreshed.response().header("X-Version")).isEqualTo("2");
    assertThat(refreshed.info().createdAt()).isEqualTo(clock.instant());
    assertThat(get(client, "/r").response().header("X-Version")).isEqualTo("2");
    assertThat(cached.stats().revalidations()).isEqualTo(1);
  }

  @Test
  void refreshWithoutValidatorRefetches() throws Exception {
    enqueue("old", "new");
    OkHttpClient client = client(builder());
    get(client, "/nv");

    Result refreshed = call(client, new Request.Builder().url(origin.url("/nv"))
        .tag(CacheOptions.class, CacheOptions.builder().refresh().build()).build());

    assertThat(refreshed.body()).isEqualTo("new");
    assertThat(get(client, "/nv").body()).isEqualTo("new");
  }

  @Test
  void forceRefreshSkipsTheReadAndOverwritesTheEntry() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("ETag", "\"1\"").body("old").build());
    enqueue("new");
    OkHttpClient client = client(builder());
    get(client, "/f");

    Result forced = call(client, new Request.Builder().url(origin.url("/f"))
        .tag(CacheOptions.class, CacheOptions.builder().forceRefresh().build()).build());

    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("If-None-Match")).isNull();
    assertThat(forced.body()).isEqualTo("new");
    assertThat(forced.info().fromCache()).isFalse();
    assertThat(get(client, "/f").body()).isEqualTo("new");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void onlyIfCachedAnswers504WithoutNetworkWhenNothingUsableIsStored() throws Exception {
    enqueue("stored");
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(1)));
    CacheOptions only = CacheOptions.builder().onlyIfCached().build();

    Result nothing = call(client, new Request.Builder().url(origin.url("/o"))
        .tag(CacheOptions.class, only).build());
    get(client, "/o");
    Result hit = call(client, new Request.Builder().url(origin.url("/o"))
        .tag(CacheOptions.class, only).build());
    clock.advance(Duration.ofMinutes(2));
    Result stale = call(client, new Request.Builder().url(origin.url("/o"))
        .tag(CacheOptions.class, only).build());

    assertThat(nothing.code()).isEqualTo(504);
    assertThat(nothing.info().source()).isEqualTo(CacheInfo.Source.UNSATISFIABLE);
    assertThat(hit.code()).isEqualTo(200);
    assertThat(hit.body()).isEqualTo("stored");
    assertThat(stale.code()).isEqualTo(504);
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void skipBypassesReadAndWrite() throws Exception {
    enqueue("one", "two", "three");
    OkHttpClient client = client(builder());
    Request skipped = new Request.Builder().url(origin.url("/s"))
        .tag(CacheOptions.class, CacheOptions.builder().skip().build()).build();

    Result first = call(client, skipped);
    get(client, "/s");
    Result afterStored = call(client, skipped);

    assertThat(first.info().source()).isEqualTo(CacheInfo.Source.BYPASS);
    assertThat(afterStored.body()).isEqualTo("three");
    assertThat(afterStored.info().fromCache()).isFalse();
    assertThat(get(client, "/s").body()).isEqualTo("two");
    assertThat(cached.stats().bypassed()).isEqualTo(2);
  }

  @Test
  void immediateExpirationStoresOnlyWithValidatorAndRevalidatesEveryUse() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("ETag", "\"e\"").body("tagged").build());
    origin.enqueue(new MockResponse.Builder().code(304).build());
    origin.enqueue(new MockResponse.Builder().code(304).build());
    enqueue("untagged", "untagged again");
    OkHttpClient client = client(builder().expireAfter(Expiration.IMMEDIATELY));

    get(client, "/tagged");
    Result second = get(client, "/tagged");
    Result third = get(client, "/tagged");
    get(client, "/untagged");
    Result untagged = get(client, "/untagged");

    assertThat(second.info().revalidated()).isTrue();
    assertThat(third.info().revalidated()).isTrue();
    assertThat(third.body()).isEqualTo("tagged");
    assertThat(untagged.body()).isEqualTo("untagged again");
    assertThat(origin.getRequestCount()).isEqualTo(5);
  }

  @Test
  void doNotCacheNeitherReadsNorWrites() throws Exception {
    enqueue("a", "b");
    OkHttpClient client = client(builder().expireAfter(Expiration.DO_NOT_CACHE));

    get(client, "/n");
    Result second = get(client, "/n");

    assertThat(second.body()).isEqualTo("b");
    assertThat(cached.inspector().count()).isZero();
  }

  @Test
  void onlyAllowableCodesAreStored() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(404).body("missing").build());
    origin.enqueue(new MockResponse.Builder().code(404).body("missing").build());
    origin.enqueue(new MockResponse.Builder().code(203).body("non-authoritative").build());
    OkHttpClient client = client(builder().allowableCodes(200, 203));

    get(client, "/404");
    get(client, "/404");
    get(client, "/203");
    Result hit = get(client, "/203");

    assertThat(origin.getRequestCount()).isEqualTo(3);
    assertThat(hit.info().fromCache()).isTrue();
    assertThat(hit.code()).isEqualTo(203);
  }

  @Test
  void filterDecidesWhatIsStored() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("X-Cache-Me", "no").body("1").build());
    origin.enqueue(new MockResponse.Builder().addHeader("X-Cache-Me", "no").body("2").build());
    OkHttpClient client = client(builder()
        .filter(response -> !"no".equals(response.header("X-Cache-Me"))));

    get(client, "/filtered");
    Result second = get(client, "/filtered");

    assertThat(second.body()).isEqualTo("2");
    assertThat(cached.inspector().count()).isZero();
  }

  @Test
  void headRequestsAreCachedSeparatelyFromGet() throws Exception {
    origin.enqueue(new MockResponse.Builder().body("get body").build());
    origin.enqueue(new MockResponse.Builder().body("get body").build());
    OkHttpClient client = client(builder());

    get(client, "/h");
    Request head = new Request.Builder().url(origin.url("/h")).head().build();
    call(client, head);
    Result cachedHead = call(client, head);

    assertThat(cachedHead.info().fromCache()).isTrue();
    assertThat(cachedHead.body()).isEmpty();
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void backendThatAlwaysFailsNeverFailsACallAndIsCounted() throws Exception {
    FailingBackend failing = new FailingBackend();
    enqueue("1", "2", "3");
    cached = CachedClient.builder().backend(failing).clock(clock).build();
    OkHttpClient client = cached.client();

    Result first = get(client, "/down");
    Result second = get(client, "/down");
    Result third = get(client, "/down");

    assertThat(first.body()).isEqualTo("1");
    assertThat(second.body()).isEqualTo("2");
    assertThat(third.body()).isEqualTo("3");
    assertThat(third.info().fromCache()).isFalse();
    CacheStats stats = cached.stats();
    assertThat(stats.backendErrors()).isEqualTo(6);
    assertThat(stats.misses()).isEqualTo(3);
    assertThat(stats.writesSkipped()).isEqualTo(3);
    assertThat(failing.calls()).isEqualTo(6);
  }

  @Test
  void defaultBackendIsTheMemoryBackendFoundOnTheClassPath() throws Exception {
    enqueue("default");
    cached = CachedClient.builder().build();

    get(cached.client(), "/d");
    Result second = get(cached.client(), "/d");

    assertThat(cached.backend()).isInstanceOf(dev.cachedhttp.memory.MemoryBackend.class);
    assertThat(second.info().fromCache()).isTrue();
  }

  @Test
  void wrappedExistingClientKeepsItsSettingsAndCaches() throws Exception {
    enqueue("wrapped");
    OkHttpClient existing = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("X-App", "mine").build()))
        .readTimeout(Duration.ofSeconds(7))
        .build();
    cached = builder().build();
    OkHttpClient wrapped = cached.client(existing);

    get(wrapped, "/w");
    Result second = get(wrapped, "/w");

    assertThat(wrapped.readTimeoutMillis()).isEqualTo(7000);
    assertThat(wrapped.connectionPool()).isSameAs(existing.connectionPool());
    assertThat(second.info().fromCache()).isTrue();
    assertThat(origin.takeRequest().getHeaders().get("X-App")).isEqualTo("mine");
  }

  /** Instants relative to {@link dev.cachedhttp.testkit.MutableClock#DEFAULT_START}. */
  private static final class MutableClockStart {
    static final java.time.Instant PLUS_5_MIN =
        dev.cachedhttp.testkit.MutableClock.DEFAULT_START.plus(Duration.ofMinutes(5));
    static final java.time.Instant PLUS_31_S =
        dev.cachedhttp.testkit.MutableClock.DEFAULT_START.plusSeconds(31);
    static final java.time.Instant PLUS_1_H =
        dev.cachedhttp.testkit.MutableClock.DEFAULT_START.plus(Duration.ofHours(1));
  }
}
