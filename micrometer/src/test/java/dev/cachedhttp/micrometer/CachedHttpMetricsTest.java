package dev.cachedhttp.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.FailingBackend;
import dev.cachedhttp.testkit.MutableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedHttpMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = MutableClock.create();
  private MockWebServer origin;
  private CachedClient cached;

  @BeforeEach
  void startOrigin() throws IOException {
    origin = new MockWebServer();
    origin.start();
  }

  @AfterEach
  void stop() {
    origin.close();
    if (cached != null) {
      cached.close();
    }
  }

  private CachedClient.Builder builder(MemoryBackend backend) {
    return CachedClient.builder().backend(backend).clock(clock)
        .expireAfter(Duration.ofMinutes(1));
  }

  private MemoryBackend memory(int maxEntries) {
    return MemoryBackend.builder().clock(clock).maxEntries(maxEntries).build();
  }

  private void get(String path, CacheOptions options) throws IOException {
    Request.Builder request = new Request.Builder().url(origin.url(path));
    if (options != null) {
      request.tag(CacheOptions.class, options);
    }
    try (Response response = cached.client().newCall(request.build()).execute()) {
      response.body().string();
    }
  }

  private void enqueue(int count) {
    for (int i = 0; i < count; i++) {
      origin.enqueue(new MockResponse.Builder().body("body " + i).build());
    }
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags("cache", "github-api").tags(tags).functionCounter().count();
  }

  @Test
  void cacheMetersFollowMicrometerConventionsAndMoveWithTheCache() throws IOException {
    cached = CachedHttpMetrics.monitor(registry, builder(memory(100)).build(), "github-api",
        "team", "payments");
    enqueue(2);

    get("/a", null);
    get("/a", null);
    get("/a", null);
    get("/a", null);
    get("/b", null);

    assertThat(count("cache.gets", "result", "hit")).isEqualTo(3);
    assertThat(count("cache.gets", "result", "miss")).isEqualTo(2);
    assertThat(count("cache.puts")).isEqualTo(2);
    assertThat(count("cachedhttp.hits")).isEqualTo(3);
    assertThat(registry.get("cache.size").tags("cache", "github-api").gauge().value())
        .isEqualTo(2);
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getTags())
          .contains(Tag.of("cache", "github-api"), Tag.of("team", "payments"));
    }
  }

  @Test
  void monitorReturnsTheSameCache() {
    CachedClient built = builder(memory(100)).build();
    cached = built;

    assertThat(CachedHttpMetrics.monitor(registry, built, "github-api")).isSameAs(built);
  }

  @Test
  void revalidationsAndBypassesAreCounted() throws IOException {
    cached = CachedHttpMetrics.monitor(registry, builder(memory(100)).build(), "github-api");
    origin.enqueue(new MockResponse.Builder().body("v1").addHeader("ETag", "\"1\"").build());
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"1\"").build());
    enqueue(1);

    get("/a", null);
    clock.advance(Duration.ofMinutes(2));
    get("/a", null);
    get("/a", CacheOptions.builder().skip().build());

    assertThat(count("cachedhttp.revalidated")).isEqualTo(1);
    assertThat(count("cachedhttp.bypassed")).isEqualTo(1);
    assertThat(count("cache.gets", "result", "hit")).isEqualTo(1);
  }

  @Test
  void evictionsAreCountedWhenTheMemoryBackendIsFull() throws IOException {
    cached = CachedHttpMetrics.monitor(registry, builder(memory(2)).build(), "github-api");
    enqueue(5);

    for (String path : new String[] {"/1", "/2", "/3", "/4", "/5"}) {
      get(path, null);
    }

    assertThat(count("cache.evictions")).isGreaterThanOrEqualTo(3);
    assertThat(registry.get("cache.size").gauge().value()).isLessThanOrEqualTo(2);
  }

  @Test
  void backendErrorsAndSkippedWritesAreCountedAndSizeIsLeftOutWhenUnknown() throws IOException {
    cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()
        .backend(new FailingBackend()).clock(clock).expireAfter(Duration.ofMinutes(1)).build(),
        "github-api");
    enqueue(1);

    get("/a", null);

    assertThat(count("cachedhttp.backend.errors")).isGreaterThanOrEqualTo(2);
    assertThat(count("cachedhttp.writes.skipped")).isEqualTo(1);
    assertThat(registry.find("cache.size").meter()).isNull();
    assertThat(registry.find("cache.evictions").meter()).isNull();
  }

  @Test
  void theBreakerStateAndItsCountsAreMetered() throws IOException {
    cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()
        .backend(new FailingBackend()).clock(clock).expireAfter(Duration.ofMinutes(1))
        .circuitBreaker(dev.cachedhttp.CircuitBreakerConfig.custom().minimumCalls(2)
            .slidingWindowSize(2).build())
        .build(), "github-api");
    assertThat(state("closed")).isEqualTo(1);
    enqueue(3);

    get("/a", null);
    get("/b", null);
    get("/c", null);

    assertThat(state("open")).isEqualTo(1);
    assertThat(state("closed")).isZero();
    assertThat(count("cachedhttp.circuit.opened")).isEqualTo(1);
    assertThat(count("cachedhttp.circuit.short.circuited")).isPositive();
    assertThat(registry.find("cachedhttp.writes.dropped").functionCounter()).isNotNull();
  }

  private double state(String state) {
    return registry.get("cachedhttp.circuit.state").tags("cache", "github-api", "state", state)
        .gauge().value();
  }

  @Test
  void everyHttpOutcomeHasAMeter() {
    cached = CachedHttpMetrics.monitor(registry, builder(memory(100)).build(), "github-api");

    assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains(
        "cachedhttp.stale.served", "cachedhttp.coalesced", "cachedhttp.invalidations",
        "cachedhttp.background.refreshes");
    assertThat(count("cachedhttp.background.refreshes", "result", "failure")).isZero();
  }

  @Test
  void anOddNumberOfTagStringsIsRejectedNamingThem() {
    cached = builder(memory(100)).build();

    assertThatThrownBy(() -> CachedHttpMetrics.monitor(registry, cached, "github-api", "team"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key/value pairs").hasMessageContaining("team");
    assertThatThrownBy(() -> CachedHttpMetrics.monitor(registry, cached, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheName");
    assertThatThrownBy(() -> CachedHttpMetrics.monitor(registry, cached, "x", "team", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void theListenerCountsWhyAnswersWereNotStored() throws IOException {
    cached = builder(memory(100)).allowableCodes(200)
        .listener(CachedHttpMetrics.listener(registry, "api", "team", "payments"))
        .listenerExecutor(Runnable::run).build();
    origin.enqueue(new MockResponse.Builder().code(404).build());
    origin.enqueue(new MockResponse.Builder().code(500).build());
    enqueue(1);

    get("/missing", null);
    get("/broken", null);
    get("/fine", null);

    assertThat(registry.get("cachedhttp.not.stored").tags("cache", "api", "team", "payments",
        "reason", "status_not_allowed").counter().count()).isEqualTo(2);
    assertThat(registry.get("cachedhttp.not.stored").tag("reason", "too_large").counter()
        .count()).isZero();
    assertThat(registry.get("cachedhttp.stale.served.by").tag("reason", "origin_failed")
        .counter().count()).isZero();
  }
}
