package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keysWithPrefix} reads an index range of the namespace, page by page, in key order. */
class KeysWithPrefixTest {
  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  @Test
  void everyKeyWithThePrefixAndNoOtherAcrossPages() {
    try (SqliteBackend backend = SqliteBackend.builder().path(folder.resolve("k.db"))
        .cleanupInterval(Duration.ZERO).clock(clock).build()) {
      Storage<String> aliases = backend.redirects();
      IntStream.range(0, 1200).forEach(i -> aliases.put(String.format("v3:a:%04d", i), "t",
          clock.instant().minusSeconds(1)));
      for (String other : List.of("v3:a", "v3:b:0", "v3:9", "v2:a:0", "v3:a\uD83D\uDE00", "v3;")) {
        aliases.put(other, "t", null);
      }
      backend.responses().put("v3:a:x", ReadableResponses.text(clock, "x"), null);

      List<String> found;
      try (Stream<String> keys = aliases.keysWithPrefix("v3:a:")) {
        found = keys.toList();
      }

      assertThat(found).hasSize(1200).isSorted().allMatch(k -> k.startsWith("v3:a:"));
      try (Stream<String> keys = aliases.keysWithPrefix("v3:a")) {
        assertThat(keys).hasSize(1202).contains("v3:a", "v3:a\uD83D\uDE00");
      }
      try (Stream<String> keys = aliases.keysWithPrefix("")) {
        assertThat(keys).hasSize(1206);
      }
    }
  }
}
