package dev.cachedhttp.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a parser made of a header value, so the hit path does not parse the same few
 * values ({@code Content-Type}, {@code Cache-Control}) on every call. Bounded: once it holds
 * {@code capacity} distinct values it starts over. A parser result of null is remembered too.
 * Thread-safe.
 *
 * @param <V> the parsed form; must be immutable
 */
final class ParseMemo<V> {
  private final Map<String, Optional<V>> parsed = new ConcurrentHashMap<>();
  private final Function<String, V> parser;
  private final int capacity;

  ParseMemo(Function<String, V> parser, int capacity) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.capacity = capacity;
  }

  /** Returns the parsed form of {@code value} (null for a null value or a null parse). */
  V get(String value) {
    if (value == null) {
      return null;
    }
    Optional<V> known = parsed.get(value);
    if (known == null) {
      known = Optional.ofNullable(parser.apply(value));
      if (parsed.size() >= capacity) {
        parsed.clear();
      }
      parsed.put(value, known);
    }
    return known.orElse(null);
  }
}
