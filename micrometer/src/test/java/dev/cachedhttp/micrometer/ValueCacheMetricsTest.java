package dev.cachedhttp.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValueCacheMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ValueCache cache = ValueCache.builder().backend(MemoryBackend.create())
      .namespace("reports").defaultExpiration(Duration.ofMinutes(5)).build();

  @AfterEach
  void close() {
    cache.close();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags("cache", "reports").tags(tags).functionCounter().count();
  }

  @Test
  void valueCacheMetersMoveWithTheCache() {
    assertThat(CachedHttpMetrics.monitor(registry, cache, "reports", "team", "payments"))
        .isSameAs(cache);

    cache.put("a", "one");
    cache.get("a", String.class);
    cache.get("a", String.class);
    cache.has("a");
    cache.get("missing", String.class);
    cache.getOrCompute("b", String.class, () -> "two");

    assertThat(count("cache.gets", "result", "hit")).isEqualTo(3);
    assertThat(count("cache.gets", "result", "miss")).isEqualTo(2);
    assertThat(count("cache.puts")).isEqualTo(2);
    assertThat(count("cachedhttp.value.computes")).isEqualTo(1);
    assertThat(count("cachedhttp.value.errors")).isZero();
    assertThat(count("cachedhttp.value.writes.skipped")).isZero();
    assertThat(registry.find("cache.size").meter()).isNull();
    assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
        .contains(Tag.of("cache", "reports"), Tag.of("team", "payments")));
  }

  @Test
  void badTagsAreRejected() {
    assertThatThrownBy(() -> CachedHttpMetrics.monitor(registry, cache, "reports", "team"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key/value pairs");
    assertThat(registry.getMeters()).isEmpty();
  }
}
