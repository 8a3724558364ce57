package dev.cachedhttp.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValueCacheTest {
  private final MutableClock clock = MutableClock.create();
  private final MemoryBackend backend = MemoryBackend.builder().clock(clock).build();
  private final ValueCache cache = ValueCache.builder().backend(backend).clock(clock).build();

  @AfterEach
  void close() {
    cache.close();
    backend.close();
  }

  @Test
  void aPutValueIsReadBackAsItsClassOrAGenericType() {
    User ada = new User(42, "Ada", List.of("admin"));
    cache.put("user:42", ada, Duration.ofMinutes(1));
    cache.put("list", List.of(ada), Duration.ofMinutes(1));
    cache.put("mykey", Map.of("foo", "bar"));

    assertThat(cache.get("user:42", User.class)).contains(ada);
    assertThat(cache.get("list", new TypeReference<List<User>>() {})).contains(List.of(ada));
    assertThat(cache.get("mykey", new TypeReference<Map<String, String>>() {}))
        .contains(Map.of("foo", "bar"));
    assertThat(cache.has("user:42")).isTrue();
    assertThat(cache.get("absent", User.class)).isEmpty();
    assertThat(cache.has("absent")).isFalse();
  }

  @Test
  void aThirtySecondValueIsAHitAtTwentyNineSecondsAndAMissAtThirtyOne() {
    cache.put("k", "v", Duration.ofSeconds(30));

    clock.advance(Duration.ofSeconds(29));
    assertThat(cache.get("k", String.class)).contains("v");

    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.get("k", String.class)).isEmpty();
    assertThat(cache.has("k")).isFalse();
  }

  @Test
  void theDefaultExpirationAppliesToPutsWithoutOneAndDefaultsToNever() {
    try (ValueCache fiveMinutes = ValueCache.builder().backend(backend).clock(clock)
        .namespace("short").defaultExpiration(Duration.ofMinutes(5)).build()) {
      fiveMinutes.put("k", 1);
      cache.put("k", 2);
      clock.advance(Duration.ofMinutes(5).plusSeconds(1));

      assertThat(fiveMinutes.get("k", Integer.class)).isEmpty();
      assertThat(cache.get("k", Integer.class)).contains(2);
      assertThat(cache.defaultExpiration()).isEqualTo(ValueCache.NEVER);
    }
  }

  @Test
  void deleteAndClearAffectOnlyThisNamespace() {
    try (ValueCache other = ValueCache.builder().backend(backend).namespace("other").build()) {
      cache.put("a", 1);
      cache.put("b", 2);
      other.put("a", 3);

      assertThat(cache.delete("a")).isTrue();
      assertThat(cache.delete("a")).isFalse();
      cache.clear();

      assertThat(cache.has("b")).isFalse();
      assertThat(other.get("a", Integer.class)).contains(3);
      assertThat(cache.namespace()).isEqualTo("cache");
    }
  }

  @Test
  void getOrComputeRunsTheSupplierOnlyOnAMissAndStoresItsResult() {
    AtomicInteger runs = new AtomicInteger();

    User first = cache.getOrCompute("user:1", User.class, Duration.ofMinutes(1),
        () -> new User(runs.incrementAndGet(), "Grace", List.of()));
    User second = cache.getOrCompute("user:1", User.class, Duration.ofMinutes(1),
        () -> new User(runs.incrementAndGet(), "Grace", List.of()));
    clock.advance(Duration.ofMinutes(2));
    User third = cache.getOrCompute("user:1", User.class, Duration.ofMinutes(1),
        () -> new User(runs.incrementAndGet(), "Grace", List.of()));

    assertThat(first).isEqualTo(second);
    assertThat(third.id()).isEqualTo(2);
    assertThat(cache.stats().computes()).isEqualTo(2);
    assertThat(cache.stats().hits()).isEqualTo(1);
  }

  @Test
  void aNullResultIsReturnedAndNotStored() {
    assertThat(cache.getOrCompute("n", String.class, () -> null)).isNull();
    assertThat(cache.has("n")).isFalse();
  }

  @Test
  void memoizeCachesAFunctionByTheKeyItBuilds() {
    AtomicInteger runs = new AtomicInteger();
    Function<Integer, User> users = cache.memoize(User.class, Duration.ofMinutes(1),
        id -> "user:" + id, id -> new User(id, "n" + runs.incrementAndGet(), List.of()));

    assertThat(users.apply(7)).isEqualTo(users.apply(7));
    users.apply(8);

    assertThat(runs).hasValue(2);
    assertThat(cache.get("user:7", User.class)).isPresent();
    Function<Integer, List<User>> lists = cache.memoize(new TypeReference<List<User>>() {},
        Duration.ofMinutes(1), id -> "list:" + id, id -> List.of(new User(id, "x", List.of())));
    assertThat(lists.apply(3)).isEqualTo(lists.apply(3)).hasSize(1);
  }

  @Test
  void anUntypedReadResolvesOnlyAllowedTypes() {
    User ada = new User(1, "Ada", List.of());
    cache.put("user", ada);
    cache.put("map", Map.of("foo", "bar"));
    cache.put("text", "hello");

    assertThat(cache.get("user", AllowedTypes.of(User.class))).contains(ada);
    assertThat(cache.get("user", AllowedTypes.builder().packageOf(User.class).build()))
        .contains(ada);
    assertThat(cache.get("user", AllowedTypes.none())).isEmpty();
    assertThat(cache.get("map", AllowedTypes.none())).contains(Map.of("foo", "bar"));
    assertThat(cache.get("text", AllowedTypes.none())).contains("hello");
    assertThat(cache.stats().misses()).isEqualTo(1);
  }

  @Test
  void theDefaultBackendIsTheMemoryBackendAndIsClosedWithTheCache() {
    ValueCache defaults = ValueCache.builder().build();
    try {
      assertThat(defaults.backend()).isInstanceOf(MemoryBackend.class);
      defaults.put("k", "v");
      assertThat(defaults.get("k", String.class)).contains("v");
    } finally {
      defaults.close();
    }
    assertThat(defaults.backend().values("cache").count()).isZero();
  }

  @Test
  void statsCountHitsMissesAndWrites() {
    cache.put("k", 1);
    cache.get("k", Integer.class);
    cache.get("nope", Integer.class);

    assertThat(cache.stats()).satisfies(s -> {
      assertThat(s.hits()).isEqualTo(1);
      assertThat(s.misses()).isEqualTo(1);
      assertThat(s.writes()).isEqualTo(1);
      assertThat(s.errors()).isZero();
      assertThat(s.hitRate()).isEqualTo(0.5);
    });
  }

  @Test
  void aValueThatCannotBeReadAsTheRequestedTypeIsAMiss() {
    cache.put("k", "not a user");

    assertThat(cache.get("k", User.class)).isEqualTo(Optional.empty());
    assertThat(cache.stats().errors()).isEqualTo(1);
  }

  @Test
  void theNamespaceIsValidated() {
    assertThatThrownBy(() -> ValueCache.builder().namespace("responses"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responses");
    assertThatThrownBy(() -> ValueCache.builder().namespace(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\" \"");
  }
}
