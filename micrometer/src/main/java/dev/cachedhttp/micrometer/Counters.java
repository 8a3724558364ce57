package dev.cachedhttp.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.function.ToLongFunction;

/** Registers the {@code cachedhttp.*} function counters of one cache. */
final class Counters<C> {
  /** Prefix of the meters that are not part of Micrometer's cache conventions. */
  static final String PREFIX = "cachedhttp.";

  private final MeterRegistry registry;
  private final C cache;
  private final Iterable<Tag> tags;

  Counters(MeterRegistry registry, C cache, Iterable<Tag> tags) {
    this.registry = registry;
    this.cache = cache;
    this.tags = tags;
  }

  /** Registers {@code cachedhttp.NAME}, reading {@code count} from the cache (held weakly). */
  void add(String name, String description, ToLongFunction<C> count) {
    builder(name, description, count).register(registry);
  }

  /** Registers {@code cachedhttp.NAME} tagged {@code result=RESULT}. */
  void add(String name, String description, ToLongFunction<C> count, String result) {
    builder(name, description, count).tag("result", result).register(registry);
  }

  /** Registers the gauge {@code cachedhttp.NAME} tagged {@code TAG=VALUE}, reading {@code value}. */
  void gauge(String name, String description, String tag, String tagValue,
      java.util.function.ToDoubleFunction<C> value) {
    io.micrometer.core.instrument.Gauge.builder(PREFIX + name, cache, value)
        .tags(tags)
        .tag(tag, tagValue)
        .description(description)
        .register(registry);
  }

  private FunctionCounter.Builder<C> builder(String name, String description,
      ToLongFunction<C> count) {
    return FunctionCounter.builder(PREFIX + name, cache, c -> count.applyAsLong(c))
        .tags(tags)
        .description(description);
  }
}
