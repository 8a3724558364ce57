package dev.cachedhttp.memory;

import com.github.benmanes.caffeine.cache.Cache;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One namespace of the memory backend: a view of the shared Caffeine cache restricted to keys of
 * one namespace. Thread-safe.
 *
 * @param <V> the value type
 */
final class MemoryStorage<V> implements Storage<V> {
  private final Cache<Entry.Key, Entry> cache;
  private final String namespace;
  private final Class<V> type;
  private final Clock clock;
  private final long maxEntryBytes;

  /** Creates the {@code namespace} view of {@code cache}, with no limit on one entry's size. */
  public MemoryStorage(Cache<Entry.Key, Entry> cache, String namespace, Class<V> type,
      Clock clock) {
    this(cache, namespace, type, clock, Long.MAX_VALUE);
  }

  /**
   * Creates the {@code namespace} view of {@code cache} whose puts of entries weighing more than
   * {@code maxEntryBytes} throw {@link EntryTooLargeException}.
   */
  public MemoryStorage(Cache<Entry.Key, Entry> cache, String namespace, Class<V> type,
      Clock clock, long maxEntryBytes) {
    this.cache = cache;
    this.namespace = namespace;
    this.type = type;
    this.clock = clock;
    this.maxEntryBytes = maxEntryBytes;
  }

  private Entry.Key key(String key) {
    return new Entry.Key(namespace, Objects.requireNonNull(key, "key"));
  }

  @Override
  public Optional<V> get(String key) {
    Entry entry = cache.getIfPresent(key(key));
    if (entry == null || entry.isExpired(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(type.cast(entry.value()));
  }

  @Override
  public void put(String key, V value, Instant expiresAt) {
    Objects.requireNonNull(value, "value");
    Entry entry = new Entry(value, expiresAt);
    if (entry.weight() > maxEntryBytes) {
      throw new EntryTooLargeException("entry of about " + entry.weight() + " bytes exceeds the "
          + "memory backend's limit of " + maxEntryBytes + " bytes per entry (maxBodyBytes)");
    }
    cache.put(key(key), entry);
  }

  @Override
  public boolean delete(String key) {
    return cache.asMap().remove(key(key)) != null;
  }

  @Override
  public Stream<String> keys() {
    List<String> snapshot = cache.asMap().keySet().stream()
        .filter(k -> k.namespace().equals(namespace))
        .map(Entry.Key::key)
        .toList();
    return snapshot.stream();
  }

  @Override
  public void clear() {
    cache.asMap().keySet().removeIf(k -> k.namespace().equals(namespace));
  }

  @Override
  public long count() {
    return cache.asMap().keySet().stream().filter(k -> k.namespace().equals(namespace)).count();
  }
}
