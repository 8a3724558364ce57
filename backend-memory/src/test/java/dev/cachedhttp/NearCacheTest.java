package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.ScriptedBackend;
import java.time.Duration;
import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A near cache in front of a shared backend: a hot key costs no backend request; another
 * instance's change is seen within maxAge; this instance's writes and invalidations update both
 * tiers; a failing far backend never poisons the near one.
 */
class NearCacheTest extends OriginFixture {
  private static final Duration MAX_AGE = Duration.ofSeconds(5);
  private CachedClient other;

  @AfterEach
  void closeOther() {
    if (other != null) {
      other.close();
    }
  }

  private CachedClient instance(ScriptedBackend far) {
    return CachedClient.builder().backend(far).clock(clock).writeMode(WriteMode.SYNC)
        .cacheStatusHeader(true)
        .nearCache(MemoryBackend.builder().clock(clock).build(), MAX_AGE).build();
  }

  @Test
  void aHotKeyIsServedFromTheNearCacheWithoutBackendRequests() throws Exception {
    ScriptedBackend far = new ScriptedBackend(backend, clock);
    cached = instance(far);
    enqueue("hot");
    OkHttpClient client = cached.client();
    get(client, "/hot");
    long before = far.calls();

    Result last = null;
    for (int i = 0; i < 100; i++) {
      last = get(client, "/hot");
    }

    assertThat(far.calls() - before).as("backend requests for 100 hits").isZero();
    assertThat(last.info().fromCache()).isTrue();
    assertThat(last.info().fromNearCache()).isTrue();
    assertThat(last.response().header("Cache-Status")).contains("hit").contains("detail=near");
  }

  @Test
  void anotherInstancesChangeIsSeenWithinMaxAge() throws Exception {
    ScriptedBackend far = new ScriptedBackend(backend, clock);
    cached = instance(far);
    other = instance(far);
    enqueue("v1", "v2");
    get(cached.client(), "/doc");
    assertThat(get(other.client(), "/doc").body()).isEqualTo("v1");

    Request refresh = new Request.Builder().url(origin.url("/doc"))
        .tag(CacheOptions.class, CacheOptions.builder().forceRefresh().build()).build();
    assertThat(call(cached.client(), refresh).body()).isEqualTo("v2");

    assertThat(get(cached.client(), "/doc").body()).as("the writer's own near entry")
        .isEqualTo("v2");
    assertThat(get(other.client(), "/doc").body()).as("within maxAge").isEqualTo("v1");
    clock.advance(MAX_AGE);
    Result later = get(other.client(), "/doc");
    assertThat(later.body()).isEqualTo("v2");
    assertThat(later.info().fromNearCache()).isFalse();
  }

  @Test
  void anInvalidationEmptiesThisInstancesNearCacheAtOnce() throws Exception {
    ScriptedBackend far = new ScriptedBackend(backend, clock);
    cached = instance(far);
    enqueue("old", "updated", "new");
    OkHttpClient client = cached.client();
    get(client, "/doc");

    call(client, new Request.Builder().url(origin.url("/doc"))
        .put(RequestBody.create("x", MediaType.get("text/plain"))).build());
    Result after = get(client, "/doc");

    assertThat(after.body()).isEqualTo("new");
    assertThat(after.info().fromCache()).isFalse();
  }

  @Test
  void aFailingFarBackendNeverPoisonsTheNearCache() throws Exception {
    ScriptedBackend far = new ScriptedBackend(backend, clock);
    cached = CachedClient.builder().backend(far).clock(clock).writeMode(WriteMode.SYNC)
        .circuitBreaker(CircuitBreakerConfig.disabled())
        .nearCache(MemoryBackend.builder().clock(clock).build(), MAX_AGE).build();
    origin.enqueue(new MockResponse.Builder().body("one").build());
    origin.enqueue(new MockResponse.Builder().body("two").build());
    OkHttpClient client = cached.client();

    far.failing(true);
    Result first = get(client, "/doc");
    Result second = get(client, "/doc");

    assertThat(first.info().stored()).isFalse();
    assertThat(second.body()).as("a write the far backend refused is not kept near either")
        .isEqualTo("two");
    assertThat(second.info().fromCache()).isFalse();
  }

  @Test
  void theNearCacheMustBeAnotherBackendWithAPositiveMaxAge() {
    assertThatThrownBy(() -> CachedClient.builder().nearCache(backend, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> CachedClient.builder().backend(backend).nearCache(backend).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("another backend");
  }
}
