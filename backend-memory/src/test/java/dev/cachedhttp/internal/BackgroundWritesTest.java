package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.PutRejecting;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.ScriptedBackend;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background writer through {@link GuardedBackend}: bounds by count and bytes, the order of
 * a key's deletion and writes across several writer threads, and what a dropped or failed write
 * leaves pending. Writes are held by a {@link ScriptedBackend} over a memory backend.
 */
class BackgroundWritesTest {
  private final MutableClock clock = MutableClock.create();
  private final MemoryBackend memory = MemoryBackend.builder().clock(clock).build();
  private final ScriptedBackend scripted = new ScriptedBackend(memory, clock);
  private final StatsRecorder stats = new StatsRecorder();
  private GuardedBackend guarded;

  @AfterEach
  void close() {
    scripted.releaseWrites();
    if (guarded != null) {
      guarded.close();
    }
  }

  private GuardedBackend guard(Backend backend, int capacity, long bytes, int threads) {
    guarded = new GuardedBackend(backend, stats, clock, CircuitBreakerConfig.ofDefaults(),
        WriteMode.ASYNC, capacity, bytes, threads);
    return guarded;
  }

  private static CachedResponse response(String body) {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .headers(Headers.of("Content-Type", "text/plain")).body(ByteString.encodeUtf8(body))
        .createdAt(MutableClock.DEFAULT_START).build();
  }

  private static Instant later() {
    return MutableClock.DEFAULT_START.plusSeconds(3_600);
  }

  @Test
  void aWriteDroppedFromAFullQueueLeavesTheQueuedDeletionOfItsKey() {
    memory.responses().put("k", response("old"), later());
    GuardedBackend guard = guard(scripted, 1, 1L << 20, 1);
    scripted.holdWrites();
    guard.put("x", response("x"), later());
    awaitTrue(() -> scripted.waitingWrites() == 1);
    guard.delete("k");

    assertThat(guard.put("k", response("new"), later())).as("dropped: the queue is full").isFalse();
    assertThat(guard.lookup("k")).as("the pending deletion still hides the old entry").isEmpty();
    scripted.releaseWrites();
    guard.close();

    assertThat(memory.responses().get("k")).as("the deletion was made").isEmpty();
    assertThat(stats.snapshot().writesDropped()).isEqualTo(1);
  }

  @Test
  void aDeletionAndLaterWritesOfAKeyAreMadeInOrderAcrossWriterThreads() {
    GuardedBackend guard = guard(scripted, 1_000, 1L << 20, 4);
    for (int i = 0; i < 50; i++) {
      String key = "k" + i;
      guard.put(key, response("v1 " + i), later());
      guard.delete(key);
      guard.put(key, response("v2 " + i), later());
      guard.delete("gone" + i);
    }
    guard.close();
    for (int i = 0; i < 50; i++) {
      assertThat(memory.responses().get("k" + i)).get()
          .extracting(r -> r.body().utf8()).isEqualTo("v2 " + i);
    }
    assertThat(stats.snapshot().writesDropped()).isZero();
  }

  @Test
  void theQueueIsBoundedByTheBytesItHolds() {
    GuardedBackend guard = guard(scripted, 1_000, 64 << 10, 2);
    scripted.holdWrites();
    String body = "b".repeat(30_000);

    assertThat(guard.put("a", response(body), later())).isTrue();
    assertThat(guard.put("b", response(body), later())).isTrue();
    assertThat(guard.put("c", response(body), later())).as("past 64 KiB").isFalse();
    assertThat(guard.put("d", response("small"), later())).isTrue();

    assertThat(stats.snapshot().writesDropped()).isEqualTo(1);
    scripted.releaseWrites();
    guard.close();
    assertThat(memory.responses().get("c")).isEmpty();
    assertThat(memory.responses().get("d")).isPresent();
  }

  @Test
  void aFailedWriteIsNoLongerServedFromThePendingWrites() {
    GuardedBackend guard = guard(PutRejecting.failing(memory,
        () -> new StorageException("write refused")), 100, 1L << 20, 1);
    guard.put("k", response("never stored"), later());
    awaitTrue(() -> stats.snapshot().writesSkipped() == 1);

    assertThat(guard.lookup("k")).isEmpty();
  }

  @Test
  void aWriteEndedByAnErrorIsNoLongerPending() {
    GuardedBackend guard = guard(PutRejecting.failing(memory,
        () -> new StackOverflowError("while encoding")), 100, 1L << 20, 1);
    guard.put("k", response("never stored"), later());
    awaitTrue(() -> guard.lookup("k").isEmpty());

    assertThat(memory.responses().get("k")).isEmpty();
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
