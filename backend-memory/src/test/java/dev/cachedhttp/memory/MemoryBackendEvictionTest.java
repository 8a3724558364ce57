package dev.cachedhttp.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.MutableClock;
import java.util.stream.IntStream;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/** The memory backend stays within both of its bounds, entries and bytes, whichever binds first. */
class MemoryBackendEvictionTest {
  private final MutableClock clock = MutableClock.create();

  private CachedResponse response(int bodyBytes) {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .body(ByteString.of(new byte[bodyBytes])).createdAt(clock.instant()).build();
  }

  @Test
  void theEntryBoundEvictsBeyondMaxEntries() {
    MemoryBackend backend = MemoryBackend.builder().maxEntries(10).clock(clock).build();

    IntStream.range(0, 100).forEach(i -> backend.responses().put("k" + i, response(10), null));

    assertThat(backend.responses().count()).isBetween(1L, 10L);
  }

  @Test
  void theByteBoundEvictsBeyondMaxBytesWhateverTheEntryCount() {
    MemoryBackend backend = MemoryBackend.builder().maxEntries(1000).maxBytes(1 << 20)
        .clock(clock).build();

    IntStream.range(0, 50).forEach(i -> backend.responses().put("k" + i, response(100_000),
        null));

    long count = backend.responses().count();
    assertThat(count).isBetween(1L, 10L);
    long bytes = backend.responses().keys()
        .map(key -> backend.responses().get(key).orElseThrow().approximateSize())
        .mapToLong(Long::longValue).sum();
    assertThat(bytes).isLessThanOrEqualTo(1 << 20);
  }

  @Test
  void everyEntryWeighsAtLeastItsShareSoSmallEntriesCannotExceedTheEntryBound() {
    MemoryBackend backend = MemoryBackend.builder().maxEntries(20).maxBytes(1 << 20)
        .clock(clock).build();

    IntStream.range(0, 200).forEach(i -> backend.redirects().put("a" + i, "t", null));

    assertThat(backend.redirects().count()).isBetween(1L, 20L);
  }
}
