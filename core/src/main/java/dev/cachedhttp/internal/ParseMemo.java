package dev.cachedhttp.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a parser made of a header value, so the hit path does not parse the same few
 * values ({@code Content-Type}, {@code Cache-Control}) on every call. Bounded by what it holds:
 * a value longer than {@value #MAX_VALUE_LENGTH} characters is parsed every time and never kept,
 * and once it holds {@code capacity} distinct values it starts over, so it never holds more than
 * {@code capacity} times {@value #MAX_VALUE_LENGTH} characters. A parser result of null is
 * remembered too. Thread-safe.
 *
 * @param <V> the parsed form; must be immutable
 */
final class ParseMemo<V> {
  /** The longest value remembered; longer ones are parsed on every call. */
  static final int MAX_VALUE_LENGTH = 256;

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
    if (value.length() > MAX_VALUE_LENGTH) {
      return parser.apply(value);
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
