package dev.cachedhttp.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.AsyncValueCache;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.FailingBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncValueCacheTest {
  private final ValueCache cache = ValueCache.builder().backend(MemoryBackend.create())
      .asyncThreads(2).build();
  private final AsyncValueCache async = cache.async();

  @AfterEach
  void close() {
    cache.close();
  }

  private static <T> T done(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  @Test
  void everyOperationWorksThroughFutures() throws Exception {
    done(async.put("k", new User(1, "Ada", List.of()), Duration.ofSeconds(30)));

    assertThat(done(async.get("k", User.class))).contains(new User(1, "Ada", List.of()));
    assertThat(done(async.has("k"))).isTrue();
    assertThat(done(async.delete("k"))).isTrue();
    assertThat(done(async.has("k"))).isFalse();
    done(async.put("a", 1));
    done(async.clear());
    assertThat(done(async.get("a", Integer.class))).isEmpty();
  }

  @Test
  void backendCallsRunOnTheCacheExecutorNotTheCaller() throws Exception {
    AtomicReference<String> loaderThread = new AtomicReference<>();
    String value = done(async.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> {
      loaderThread.set(Thread.currentThread().getName());
      return CompletableFuture.completedFuture("v");
    }));

    assertThat(value).isEqualTo("v");
    assertThat(loaderThread.get()).startsWith("cachedhttp-values-");
  }

  @Test
  void noOperationWaitsForABusyExecutor() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    CountDownLatch busy = new CountDownLatch(1);
    try (ValueCache own = ValueCache.builder().backend(MemoryBackend.create())
        .asyncExecutor(single).build()) {
      single.execute(() -> awaitQuietly(busy));

      CompletableFuture<Void> put = own.async().put("k", "v");
      CompletableFuture<Optional<String>> get = own.async().get("k", String.class);

      assertThat(put).isNotDone();
      assertThat(get).isNotDone();
      busy.countDown();
      done(put);
      assertThat(done(get)).contains("v");
    } finally {
      single.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void concurrentGetOrComputeOfOneKeyShareOneLoaderRun() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<String> slow = new CompletableFuture<>();
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      results.add(async.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> {
        runs.incrementAndGet();
        return slow;
      }));
    }
    slow.complete("loaded");

    for (CompletableFuture<String> result : results) {
      assertThat(done(result)).isEqualTo("loaded");
    }
    assertThat(runs).hasValue(1);
    assertThat(cache.stats().computes()).isEqualTo(1);
  }

  @Test
  void aLoaderFailureFailsEveryWaiterAndNothingIsStored() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> failing = new CompletableFuture<>();
    CompletableFuture<String> first = async.getOrCompute("k", String.class,
        Duration.ofMinutes(1), () -> failing);
    CompletableFuture<String> second = async.getOrCompute("k", String.class,
        Duration.ofMinutes(1), () -> failing);
    failing.completeExceptionally(boom);

    for (CompletableFuture<String> result : List.of(first, second)) {
      assertThatThrownBy(() -> done(result)).isInstanceOf(ExecutionException.class)
          .cause().isSameAs(boom);
    }
    assertThat(cache.has("k")).isFalse();
  }

  @Test
  void aFailingBackendFailsOpenButDeleteFails() throws Exception {
    try (ValueCache broken = ValueCache.builder().backend(new FailingBackend()).build()) {
      AsyncValueCache failing = broken.async();
      done(failing.put("k", "v"));

      assertThat(done(failing.get("k", String.class))).isEqualTo(Optional.empty());
      assertThat(done(failing.getOrCompute("k", String.class, Duration.ofMinutes(1),
          () -> CompletableFuture.completedFuture("computed")))).isEqualTo("computed");
      assertThatThrownBy(() -> done(failing.delete("k"))).cause()
          .isInstanceOf(StorageException.class);
    }
  }

  @Test
  void badInputFailsTheFuture() {
    assertThatThrownBy(() -> done(async.put(" ", "v"))).cause()
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> done(async.getOrCompute("k", String.class, Duration.ofSeconds(-1),
        () -> CompletableFuture.completedFuture("v")))).cause()
        .isInstanceOf(IllegalArgumentException.class);
  }
}
