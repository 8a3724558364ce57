package dev.cachedhttp.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** getOrCompute is single-flight per key: concurrent callers share one supplier run. */
class SingleFlightTest {
  private static final int CALLERS = 50;

  private final ValueCache cache = ValueCache.builder().backend(MemoryBackend.create()).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);

  @AfterEach
  void close() {
    pool.shutdownNow();
    cache.close();
  }

  private final CountDownLatch arrived = new CountDownLatch(CALLERS);

  /**
   * Starts {@link #CALLERS} threads, each calling getOrCompute of one key; {@link #arrived}
   * reaches zero once every thread is about to call it.
   */
  private List<Future<String>> fiftyCallers(Supplier<String> supplier) {
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      results.add(pool.submit(() -> {
        arrived.countDown();
        return cache.getOrCompute("report", String.class, Duration.ofMinutes(1), supplier);
      }));
    }
    return results;
  }

  @Test
  void fiftyConcurrentCallersOfOneMissingKeyRunTheSupplierOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<Future<String>> results = fiftyCallers(() -> {
      runs.incrementAndGet();
      await(arrived);
      return "computed";
    });

    for (Future<String> result : results) {
      assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("computed");
    }
    assertThat(runs).hasValue(1);
    assertThat(cache.stats().computes()).isEqualTo(1);
    assertThat(cache.get("report", String.class)).contains("computed");
  }

  @Test
  void aSupplierExceptionReachesEveryWaiterAndNothingIsStored() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("origin down");
    List<Future<String>> results = fiftyCallers(() -> {
      runs.incrementAndGet();
      await(arrived);
      throw boom;
    });

    int failed = 0;
    for (Future<String> result : results) {
      try {
        result.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isSameAs(boom);
        failed++;
      }
    }
    assertThat(failed).isEqualTo(CALLERS);
    assertThat(runs.get()).isPositive();
    assertThat(cache.has("report")).isFalse();
  }

  @Test
  void aSupplierThatAsksForItsOwnKeyFailsInsteadOfWaitingForItself() {
    assertThatThrownBy(() -> cache.getOrCompute("self", String.class, Duration.ofMinutes(1),
        () -> cache.getOrCompute("self", String.class, Duration.ofMinutes(1), () -> "x")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"self\"");
  }

  @Test
  void differentKeysDoNotWaitForEachOther() {
    String outer = cache.getOrCompute("a", String.class, Duration.ofMinutes(1),
        () -> "a+" + cache.getOrCompute("b", String.class, Duration.ofMinutes(1), () -> "b"));

    assertThat(outer).isEqualTo("a+b");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
