package dev.cachedhttp.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.FailingBackend;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing backend is a miss, a dropped write or a computed value; bad input is refused. */
class FailOpenAndBadInputTest {

  @Test
  void aFailingBackendMakesReadsMissesAndWritesDropsAndStillComputes() {
    FailingBackend failing = new FailingBackend();
    try (ValueCache cache = ValueCache.builder().backend(failing).build()) {
      cache.put("k", "v");

      assertThat(cache.get("k", String.class)).isEmpty();
      assertThat(cache.has("k")).isFalse();
      assertThat(cache.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> "computed"))
          .isEqualTo("computed");
      assertThat(cache.memoize(String.class, Duration.ofMinutes(1), (Integer i) -> "m" + i,
          i -> "value " + i).apply(3)).isEqualTo("value 3");

      assertThat(cache.stats().errors()).isEqualTo(7);
      assertThat(cache.stats().computes()).isEqualTo(2);
      assertThat(cache.stats().writes()).isZero();
      assertThat(failing.calls()).isEqualTo(7);
    }
  }

  @Test
  void aMapperWithDefaultTypingIsRefusedSoAPlantedItemCannotNameAClass() {
    com.fasterxml.jackson.databind.ObjectMapper typing =
        new com.fasterxml.jackson.databind.ObjectMapper();
    typing.activateDefaultTyping(typing.getPolymorphicTypeValidator(),
        com.fasterxml.jackson.databind.ObjectMapper.DefaultTyping.NON_FINAL);

    assertThatThrownBy(() -> ValueCache.builder().objectMapper(typing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default typing");
    ValueCache.builder().objectMapper(new com.fasterxml.jackson.databind.ObjectMapper());
  }

  @Test
  void repeatedFailuresAreLoggedOnceAMinute() {
    MutableClock clock = MutableClock.create();
    try (ValueCache cache = ValueCache.builder().backend(new FailingBackend()).clock(clock)
        .build();
        LogCapture log = LogCapture.start()) {
      cache.get("a", String.class);
      cache.get("b", String.class);
      cache.has("c");
      assertThat(log.linesContaining("WARN").stream()
          .filter(line -> line.contains("read failed"))).hasSize(1);

      clock.advance(Duration.ofMinutes(1));
      cache.get("d", String.class);
      assertThat(log.linesContaining("WARN").stream()
          .filter(line -> line.contains("read failed"))).hasSize(2);
      assertThat(log.linesContaining("\"a\"")).isEmpty();
      assertThat(cache.stats().errors()).isEqualTo(4);
    }
  }

  @Test
  void deleteAndClearThrowWhenTheBackendFails() {
    try (ValueCache cache = ValueCache.builder().backend(new FailingBackend()).build()) {
      assertThatThrownBy(() -> cache.delete("k")).isInstanceOf(StorageException.class);
      assertThatThrownBy(cache::clear).isInstanceOf(StorageException.class);
      assertThat(cache.stats().errors()).isEqualTo(2);
    }
  }

  @Test
  void badKeysAndDurationsAreRefusedNamingTheValue() {
    try (ValueCache cache = ValueCache.builder().backend(MemoryBackend.create()).build()) {
      assertThatThrownBy(() -> cache.put(null, "v")).isInstanceOf(NullPointerException.class)
          .hasMessageContaining("key");
      assertThatThrownBy(() -> cache.put("  ", "v")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key must not be blank but was \"  \"");
      assertThatThrownBy(() -> cache.get("", String.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
      assertThatThrownBy(() -> cache.put("k", "v", Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
      assertThatThrownBy(() -> cache.getOrCompute("k", String.class, Duration.ofSeconds(-5),
          () -> "v")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-5S");
      assertThatThrownBy(() -> ValueCache.builder().defaultExpiration(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultExpiration");
      assertThatThrownBy(() -> ValueCache.builder().asyncThreads(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
  }

  /** Jackson refuses beans without properties. */
  static final class Opaque {
    private final Object secret = new Object();

    @Override
    public String toString() {
      return "Opaque" + secret.hashCode();
    }
  }

  @Test
  void anUnserialisableValueIsRefusedNamingItsTypeBeforeAnythingIsWritten() {
    MemoryBackend backend = MemoryBackend.create();
    try (ValueCache cache = ValueCache.builder().backend(backend).build()) {
      cache.put("k", "old");

      assertThatThrownBy(() -> cache.put("k", new Opaque()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Opaque.class.getName())
          .hasMessageContaining("\"k\"");
      assertThat(cache.get("k", String.class)).contains("old");
      assertThat(cache.stats().writes()).isEqualTo(1);
    }
  }

  @Test
  void aValueTooLargeForTheBackendIsSkippedAndCountedWithoutThrowing() {
    MemoryBackend small = MemoryBackend.builder().maxBytes(1 << 20).maxBodyBytes(10_000).build();
    try (ValueCache cache = ValueCache.builder().backend(small).build()) {
      cache.put("big", List.of("x".repeat(20_000)));
      cache.put("small", "fits");

      assertThat(cache.has("big")).isFalse();
      assertThat(cache.stats().skipped()).isEqualTo(1);
      assertThat(cache.stats().writes()).isEqualTo(1);
      assertThat(cache.stats().errors()).isZero();
    }
  }
}
