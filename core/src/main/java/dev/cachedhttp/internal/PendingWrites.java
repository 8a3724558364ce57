package dev.cachedhttp.internal;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes accepted but not yet made by the background writer, per namespace, so that lookups in
 * this process see them at once. An entry is removed when its write ends (made, failed or
 * dropped); a newer write of the same key replaces it, and the older queued write then finds it
 * is no longer {@linkplain #isCurrent current} and is skipped. A deletion is an entry without a
 * value. Thread-safe.
 */
final class PendingWrites {
  /** One pending write; {@code value} is null for a deletion. */
  static final class Entry<V> {
    private final V value;
    private final Instant expiresAt;

    Entry(V value, Instant expiresAt) {
      this.value = value;
      this.expiresAt = expiresAt;
    }

    V value() {
      return value;
    }

    Instant expiresAt() {
      return expiresAt;
    }
  }

  private final ConcurrentHashMap<String, Entry<CachedResponse>> responses =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry<String>> aliases = new ConcurrentHashMap<>();
  private final Clock clock;

  PendingWrites(Clock clock) {
    this.clock = clock;
  }

  /** Records a pending response write (or deletion when {@code response} is null). */
  Entry<CachedResponse> response(String key, CachedResponse response, Instant expiresAt) {
    Entry<CachedResponse> entry = new Entry<>(response, expiresAt);
    responses.put(key, entry);
    return entry;
  }

  /** Records a pending alias write. */
  Entry<String> alias(String alias, String target, Instant expiresAt) {
    Entry<String> entry = new Entry<>(target, expiresAt);
    aliases.put(alias, entry);
    return entry;
  }

  /** True while {@code entry} is the latest pending write of {@code key} in its namespace. */
  boolean isCurrent(String key, Entry<?> entry) {
    return responses.get(key) == entry || aliases.get(key) == entry;
  }

  /** Forgets {@code entry} unless a newer write of the key replaced it. */
  void done(String key, Entry<?> entry) {
    if (!responses.remove(key, entry)) {
      aliases.remove(key, entry);
    }
  }

  /**
   * Forgets every pending write (and alias) whose key starts with one of {@code prefixes}: their
   * queued writes find they are no longer current and are skipped.
   */
  void cancel(java.util.List<String> prefixes) {
    if (isEmpty()) {
      return;
    }
    responses.keySet().removeIf(key -> startsWithAny(key, prefixes));
    aliases.keySet().removeIf(key -> startsWithAny(key, prefixes));
  }

  static boolean startsWithAny(String key, java.util.List<String> prefixes) {
    for (String prefix : prefixes) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** True when nothing is pending (lookups then go straight to the backend). */
  boolean isEmpty() {
    return responses.isEmpty() && aliases.isEmpty();
  }

  /**
   * The response stored under {@code key} itself: the pending one when there is one (empty for a
   * pending deletion or an expired one), else what {@code backend} reads.
   */
  Optional<CachedResponse> get(String key, Function<String, Optional<CachedResponse>> backend) {
    Entry<CachedResponse> pending = responses.get(key);
    return pending != null ? live(pending) : backend.apply(key);
  }

  /**
   * {@link Backend#lookup} over pending writes and the backend: a pending response of the key
   * wins, then a pending alias of the key, then the backend's lookup, whose result is replaced by
   * a pending write of the key it found.
   */
  Optional<Backend.Lookup> lookup(String key, Function<String, Optional<Backend.Lookup>> lookup,
      Function<String, Optional<CachedResponse>> get) {
    Entry<CachedResponse> direct = responses.get(key);
    if (direct != null) {
      return live(direct).map(response -> new Backend.Lookup(key, response));
    }
    Entry<String> alias = aliases.get(key);
    if (alias != null && live(alias).isPresent()) {
      String target = alias.value();
      return get(target, get).map(response -> new Backend.Lookup(target, response));
    }
    Optional<Backend.Lookup> found = lookup.apply(key);
    if (found.isEmpty() || !responses.containsKey(found.get().key())) {
      return found;
    }
    String target = found.get().key();
    return get(target, get).map(response -> new Backend.Lookup(target, response));
  }

  private <V> Optional<V> live(Entry<V> entry) {
    if (entry.value() == null) {
      return Optional.empty();
    }
    return Storage.isExpired(entry.expiresAt(), clock.instant()) ? Optional.empty()
        : Optional.of(entry.value());
  }
}
