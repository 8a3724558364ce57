package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.ScriptedBackend;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code CachedClient.Builder.build()} refuses settings that contradict each other or make one
 * another meaningless, naming the values, and accepts each of them on its own.
 */
class BuilderCombinationsTest {
  private static final Executor EXECUTOR = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "combinations-test");
    thread.setDaemon(true);
    return thread;
  });

  static Stream<Arguments> contradictions() {
    return Stream.of(
        row("near cache is the backend", b -> {
          MemoryBackend both = memory();
          return b.backend(both).nearCache(both);
        },
            b -> b.nearCache(memory()), "nearCache", "MemoryBackend"),
        row("fleet coalescing without coalescing", b -> b.coalesceAcrossInstances(true)
            .coalesceRequests(false), b -> b.coalesceAcrossInstances(true),
            "coalesceAcrossInstances(PT10S)", "coalesceRequests(true)"),
        row("fleet coalescing on a backend without leases", b -> b.backend(noLeases())
            .coalesceAcrossInstances(Duration.ofSeconds(3)), b -> b.backend(noLeases()),
            "coalesceAcrossInstances(PT3S)", "grants none"),
        row("a header both matched and ignored", b -> b.matchHeaders("Accept", "X-Tenant")
            .ignoredParameters("x-tenant"), b -> b.matchHeaders("Accept", "X-Tenant"),
            "'X-Tenant'", "ignoredParameters"),
        row("thread count of a replaced executor", b -> b.backgroundThreads(4)
            .backgroundExecutor(EXECUTOR), b -> b.backgroundExecutor(EXECUTOR),
            "backgroundThreads(4)", "backgroundExecutor("),
        row("a write queue without a background writer", b -> b.writeMode(WriteMode.SYNC)
            .writeQueueCapacity(10), b -> b.writeMode(WriteMode.ASYNC).writeQueueCapacity(10),
            "writeQueueCapacity=10", "writeMode(SYNC)"),
        row("writer threads without a background writer", b -> b.writeMode(WriteMode.SYNC)
            .writeConcurrency(2), b -> b.writeConcurrency(2), "writeConcurrency=2",
            "writeMode(SYNC)"),
        row("a listener executor without listeners", b -> b.listenerExecutor(Runnable::run),
            b -> b.listenerExecutor(Runnable::run).listener(new CacheListener() {}),
            "listenerExecutor(", "no listener"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contradictions")
  void buildRefusesContradictionsNamingTheValues(String name,
      UnaryOperator<CachedClient.Builder> contradiction, UnaryOperator<CachedClient.Builder> fine,
      String[] named) {
    assertThatThrownBy(() -> contradiction.apply(CachedClient.builder().backend(memory())).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContainingAll(named);
    try (CachedClient accepted = fine.apply(CachedClient.builder().backend(memory())).build()) {
      assertThat(accepted.backend()).isNotNull();
    }
  }

  private static Arguments row(String name, UnaryOperator<CachedClient.Builder> contradiction,
      UnaryOperator<CachedClient.Builder> fine, String... named) {
    return Arguments.of(name, contradiction, fine, named);
  }

  private static ScriptedBackend noLeases() {
    return new ScriptedBackend(memory(), MutableClock.create());
  }

  private static MemoryBackend memory() {
    return MemoryBackend.builder().build();
  }
}
