package dev.cachedhttp.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one boundary between a value cache and its backend namespace: values go through Jackson,
 * reads and writes fail open (a failure is a miss or a dropped write, counted and logged at WARN
 * at most once a minute per operation), deletes and clears throw {@link StorageException}. Keys
 * and values are never logged. Thread-safe.
 */
public final class ValueStore {
  private static final Logger LOG = LoggerFactory.getLogger("dev.cachedhttp.ValueCache");

  private final Storage<StoredValue> storage;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ValueStatsRecorder stats;
  private final WarningLimiter warnings;
  private final String where;

  /**
   * Creates the store.
   *
   * @param storage the backend namespace
   * @param where names backend and namespace in log lines, e.g. {@code MemoryBackend/cache}
   */
  public ValueStore(Storage<StoredValue> storage, ObjectMapper mapper, Clock clock,
      ValueStatsRecorder stats, String where) {
    this.storage = storage;
    this.mapper = mapper;
    this.clock = clock;
    this.stats = stats;
    this.warnings = new WarningLimiter(clock);
    this.where = where;
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

  /** When a value stored now for {@code expireAfter} expires; null when past the last instant. */
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

  /** Reads the live entry under {@code key}; a failure is empty (counted, logged). */
  public Optional<StoredValue> read(String key) {
    try {
      Optional<StoredValue> found = storage.get(key);
      return found == null ? Optional.empty()
          : found.filter(stored -> !stored.isExpired(clock.instant()));
    } catch (RuntimeException e) {
      failed("read", "the read is a miss", e);
      return Optional.empty();
    }
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

  /** Writes {@code value}; a failure drops the write (counted, logged), never thrown. */
  public void write(String key, StoredValue value) {
    try {
      storage.put(key, value, value.expiresAt());
      stats.write();
    } catch (EntryTooLargeException e) {
      stats.skipped();
      warn("oversize write", "a value was not stored because it is too large for the backend ("
          + e.getMessage() + ")");
    } catch (RuntimeException e) {
      failed("write", "the value is not stored", e);
    }
  }

  /**
   * Deletes {@code key}.
   *
   * @throws StorageException when the backend fails
   */
  public boolean delete(String key) {
    try {
      return storage.delete(key);
    } catch (RuntimeException e) {
      throw invalidationFailed("delete", e);
    }
  }

  /**
   * Deletes every entry of the namespace.
   *
   * @throws StorageException when the backend fails
   */
  public void clear() {
    try {
      storage.clear();
    } catch (RuntimeException e) {
      throw invalidationFailed("clear", e);
    }
  }

  /** Counts and logs a task the async executor rejected. */
  public void rejected(String operation, RuntimeException e) {
    failed(operation, "the async executor is full", e);
  }

  private StorageException invalidationFailed(String operation, RuntimeException e) {
    stats.error();
    return e instanceof StorageException storageException ? storageException
        : new StorageException("value cache " + operation + " failed on " + where + ": "
            + e.getMessage(), e);
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
