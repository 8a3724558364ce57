package dev.cachedhttp.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.ValueCacheStats;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value cache's namespace of its backend: values go through Jackson, and every backend call
 * goes through a {@link GuardedBackend} of its own (its circuit breaker, fail open): reads and
 * writes that fail are a miss or a dropped write (counted, logged at WARN at most once a minute
 * per operation), and while the breaker is open they are not made; deletes and clears throw
 * {@link StorageException}. Writes are made at once, on the calling thread. Keys and values are
 * never logged. Thread-safe.
 */
public final class ValueStore {
  private static final Logger LOG = LoggerFactory.getLogger("dev.cachedhttp.ValueCache");

  private final Storage<StoredValue> storage;
  private final GuardedBackend guard;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ValueStatsRecorder stats;
  private final WarningLimiter warnings;
  private final String where;
  private final SingleFlight<Thread, Object> flights = new SingleFlight<>();

  /**
   * Creates the store of {@code namespace} in {@code backend}, guarded by a breaker configured by
   * {@code breaker}.
   *
   * @throws UnsupportedOperationException when the backend does not store values
   */
  public ValueStore(Backend backend, String namespace, CircuitBreakerConfig breaker,
      ObjectMapper mapper, Clock clock) {
    this.storage = backend.values(namespace);
    StatsRecorder guardStats = new StatsRecorder();
    this.guard = GuardedBackend.forValues(backend, guardStats, clock, breaker);
    this.stats = new ValueStatsRecorder(guardStats);
    this.mapper = mapper;
    this.clock = clock;
    this.warnings = new WarningLimiter(clock);
    this.where = backend.getClass().getSimpleName() + "/" + namespace;
  }

  /** The counters since this store was made. */
  public ValueCacheStats stats() {
    return stats.snapshot();
  }

  /** Counts a run of a supplier, loader or memoized function. */
  public void countCompute() {
    stats.compute();
  }

  /**
   * Returns {@code key} when it is a usable key.
   *
   * @throws NullPointerException when it is null
   * @throws IllegalArgumentException naming it when it is blank
   */
  public static String checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank but was \"" + key + "\"");
    }
    return key;
  }

  /**
   * Returns {@code mapper} when values may go through it.
   *
   * @throws NullPointerException when it is null
   * @throws IllegalArgumentException when it has default typing enabled ({@code
   *     activateDefaultTyping}): a stored item could name any class to instantiate
   */
  public static ObjectMapper checkMapper(ObjectMapper mapper) {
    Objects.requireNonNull(mapper, "objectMapper");
    if (mapper.getDeserializationConfig().getDefaultTyper(mapper.constructType(Object.class))
        != null) {
      throw new IllegalArgumentException("objectMapper has default typing enabled "
          + "(activateDefaultTyping): a stored item could name any class to instantiate; use a "
          + "mapper without it, the value cache records and checks types itself (AllowedTypes)");
    }
    return mapper;
  }

  /**
   * When a value stored now for {@code expireAfter} expires; null when past the last instant
   * ({@code ValueCache.NEVER} included).
   */
  public Instant expiresAt(Duration expireAfter) {
    Instant at = Instants.plusSaturating(clock.instant(), expireAfter);
    return at.equals(Instant.MAX) ? null : at;
  }

  /** The Jackson type of {@code type}. */
  public JavaType type(java.lang.reflect.Type type) {
    return mapper.getTypeFactory().constructType(type);
  }

  /**
   * Turns {@code value} into what is stored, before anything is written; the type name is kept
   * unless the value is of a JDK type (read back as plain JSON).
   *
   * @throws IllegalArgumentException naming the key and the value's type when Jackson cannot
   *     serialise it
   */
  public StoredValue encode(String key, Object value, Instant expiresAt) {
    JsonNode tree;
    try {
      tree = mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("value for key \"" + key + "\" of type "
          + value.getClass().getName() + " cannot be serialised to JSON by Jackson: "
          + e.getMessage(), e);
    }
    String typeName = value.getClass().getName();
    return new StoredValue(tree, clock.instant(), expiresAt,
        typeName.startsWith("java.") ? null : typeName);
  }

  /**
   * Reads the live entry under {@code key}; a failure or an open breaker is empty (counted,
   * logged).
   */
  public Optional<StoredValue> read(String key) {
    return guard.read(() -> storage.get(key))
        .filter(stored -> !stored.isExpired(clock.instant()));
  }

  /** Reads {@code key} as {@code type}, counting a hit or a miss. */
  public <T> Optional<T> get(String key, JavaType type) {
    return counted(read(key).flatMap(stored -> decode(stored, type)));
  }

  /** Reads {@code key} as the stored type if {@code allowed} allows it, counting a hit or miss. */
  public Optional<Object> get(String key, AllowedTypes allowed) {
    return counted(read(key).flatMap(stored -> decode(stored, allowed)));
  }

  /** Counts {@code found} as a hit or a miss and returns it. */
  public <T> Optional<T> counted(Optional<T> found) {
    if (found.isPresent()) {
      stats.hit();
    } else {
      stats.miss();
    }
    return found;
  }

  /** Turns a stored value into {@code type}; an unreadable value is empty (counted, logged). */
  public <T> Optional<T> decode(StoredValue stored, JavaType type) {
    try {
      return Optional.ofNullable(mapper.treeToValue(stored.value(), type));
    } catch (IllegalArgumentException | java.io.IOException e) {
      stats.error();
      warn("decode", "a stored value in " + where + " could not be read as " + type
          + " (" + e.getClass().getName() + "); the read is a miss");
      return Optional.empty();
    }
  }

  /** Turns a stored value into its stored type when allowed, plain JSON for JDK or no types. */
  public Optional<Object> decode(StoredValue stored, AllowedTypes allowed) {
    String typeName = stored.typeName();
    if (typeName == null || typeName.startsWith("java.")) {
      return decode(stored, type(Object.class));
    }
    Optional<Class<?>> type = allowed.resolve(typeName);
    if (type.isEmpty()) {
      warn("type", "a stored value of type " + typeName + " was not read because that type is "
          + "not allowed (" + allowed + "); the read is a miss");
      return Optional.empty();
    }
    return decode(stored, type(type.get()));
  }

  /**
   * Writes {@code value}; a failure or an open breaker drops the write (counted, logged), never
   * thrown.
   */
  public void write(String key, StoredValue value) {
    GuardedBackend.Outcome outcome = guard.write("write",
        () -> storage.put(key, value, value.expiresAt()));
    if (outcome == GuardedBackend.Outcome.DONE) {
      stats.write();
    } else if (outcome == GuardedBackend.Outcome.TOO_LARGE) {
      stats.skipped();
      warn("oversize write", "a value was not stored in " + where
          + " because it is too large for the backend");
    }
  }

  /**
   * Deletes {@code key}.
   *
   * @throws StorageException when the backend fails or the circuit breaker is open
   */
  public boolean delete(String key) {
    return guard.invalidate("value cache delete", () -> storage.delete(key));
  }

  /**
   * Deletes every entry of the namespace.
   *
   * @throws StorageException when the backend fails or the circuit breaker is open
   */
  public void clear() {
    guard.invalidate("value cache clear", () -> {
      storage.clear();
      return null;
    });
  }

  /**
   * Returns the live value under {@code key} as {@code decoder} reads it (a hit), or (a miss) runs
   * {@code supplier}, writes a non-null result for {@code expireAfter} and returns it. Concurrent
   * callers of one key share one lookup and one run ({@link SingleFlight}): they get its result,
   * the same instance, or the very exception it threw, and then nothing is written.
   *
   * @throws NullPointerException when the key or the supplier is null
   * @throws IllegalArgumentException naming the bad value when the key is blank or the duration
   *     negative
   * @throws IllegalStateException when the supplier asks for its own key (it would wait for
   *     itself)
   */
  @SuppressWarnings("unchecked")
  public <T> T getOrCompute(String key, Function<StoredValue, Optional<T>> decoder,
      Duration expireAfter, Supplier<? extends T> supplier) {
    checkKey(key);
    Checks.nonNegative("expireAfter", expireAfter);
    Objects.requireNonNull(supplier, "supplier");
    Thread caller = Thread.currentThread();
    SingleFlight.Flight<Thread, Object> flight = flights.join(key, caller);
    if (!flight.leads()) {
      if (flight.context() == caller) {
        throw new IllegalStateException("the computation of key \"" + key + "\" asked for the "
            + "same key again; it would wait for itself");
      }
      return (T) flight.await();
    }
    try {
      T value = lookUpOrCompute(key, decoder, expireAfter, supplier);
      flight.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      flight.fail(e);
      throw e;
    } finally {
      if (!flight.isDone()) {
        flight.fail(new IllegalStateException("the computation of key \"" + key
            + "\" ended without a result"));
      }
    }
  }

  private <T> T lookUpOrCompute(String key, Function<StoredValue, Optional<T>> decoder,
      Duration expireAfter, Supplier<? extends T> supplier) {
    Optional<T> hit = counted(read(key).flatMap(decoder));
    if (hit.isPresent()) {
      return hit.get();
    }
    stats.compute();
    T value = supplier.get();
    if (value != null) {
      write(key, encode(key, value, expiresAt(expireAfter)));
    }
    return value;
  }

  /** Counts and logs a task the async executor rejected. */
  public void rejected(String operation, RuntimeException e) {
    failed(operation, "the async executor is full", e);
  }

  private void failed(String operation, String consequence, Exception e) {
    stats.error();
    warn(operation, "value cache " + operation + " failed on " + where + "; " + consequence
        + " (" + e.getClass().getName() + ": " + e.getMessage() + ")");
  }

  private void warn(String operation, String message) {
    if (warnings.due(operation)) {
      LOG.warn("{}. Further such events are counted in ValueCache.stats() and logged at most once "
          + "a minute.", message);
    } else {
      LOG.debug(message);
    }
  }
}
