package dev.cachedhttp.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.cachedhttp.internal.Checks;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Leases;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import dev.cachedhttp.spi.ValueNamespaces;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-process {@link Backend} bounded by entry count and by bytes, built on Caffeine.
 *
 * <p>Both bounds hold at once: every entry is weighed as at least {@code maxBytes / maxEntries}
 * bytes, so the cache never holds more than {@code maxEntries} entries nor more than about {@code
 * maxBytes} bytes; least-recently/frequently used entries are evicted first. Entries expire at
 * the time they were stored with, read from the builder's {@link Clock}. Stored documents are
 * immutable, so nothing returned can be changed by a caller. Thread-safe.
 */
public final class MemoryBackend implements Backend {
  /** Default {@link Builder#maxEntries(long)}: 10,000. */
  public static final long DEFAULT_MAX_ENTRIES = 10_000;

  /** Default {@link Builder#maxBytes(long)}: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private final Cache<Entry.Key, Entry> cache;
  private final MemoryStorage<CachedResponse> responses;
  private final MemoryStorage<String> redirects;
  private final long maxBodyBytes;
  private final LongAdder evictions = new LongAdder();
  private final Clock clock;
  private final Map<String, Storage<StoredValue>> values = new ConcurrentHashMap<>();
  private final MemoryLeases leases;

  private MemoryBackend(Builder builder) {
    long slot = Math.max(1, builder.maxBytes / builder.maxEntries);
    Clock clock = builder.clock;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(builder.maxBytes)
        .weigher((Entry.Key key, Entry entry) ->
            (int) Math.min(Integer.MAX_VALUE, Math.max(slot, entry.weight())))
        .expireAfter(new EntryExpiry(clock))
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .evictionListener((Entry.Key key, Entry entry, RemovalCause cause) ->
            evictions.increment())
        .build();
    this.responses = new MemoryStorage<>(cache, "responses", CachedResponse.class, clock);
    this.redirects = new MemoryStorage<>(cache, "redirects", String.class, clock);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.clock = clock;
    this.leases = new MemoryLeases(clock);
  }

  /** Returns a backend with the default bounds and the system clock. */
  public static MemoryBackend create() {
    return builder().build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Storage<CachedResponse> responses() {
    return responses;
  }

  /** Leases for caches of this process that share this backend. */
  @Override
  public Optional<Leases> leases() {
    return Optional.of(leases);
  }

  @Override
  public Storage<String> redirects() {
    return redirects;
  }

  /**
   * The value namespace {@code namespace}, sharing this backend's bounds with the HTTP
   * namespaces; a value larger than {@link #maxBodyBytes()} is rejected with {@link
   * dev.cachedhttp.spi.EntryTooLargeException}.
   */
  @Override
  public Storage<StoredValue> values(String namespace) {
    ValueNamespaces.check(namespace);
    return values.computeIfAbsent(namespace,
        name -> new MemoryStorage<>(cache, name, StoredValue.class, clock, maxBodyBytes));
  }

  @Override
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The number of entries of every namespace, from Caffeine's estimate (no walk). */
  @Override
  public OptionalLong estimatedSize() {
    return OptionalLong.of(cache.estimatedSize());
  }

  /** Entries evicted by the entry/byte bounds or dropped on expiry since this backend was built. */
  @Override
  public OptionalLong evictionCount() {
    return OptionalLong.of(evictions.sum());
  }

  /** Drops every entry of every namespace. */
  @Override
  public void close() {
    cache.invalidateAll();
  }

  @Override
  public String toString() {
    return "MemoryBackend{entries=" + cache.estimatedSize() + "}";
  }

  /** Configures a {@link MemoryBackend}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private long maxEntries = DEFAULT_MAX_ENTRIES;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long maxBodyBytes = -1;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The most entries held across all namespaces. Default {@value #DEFAULT_MAX_ENTRIES}. */
    public Builder maxEntries(long maxEntries) {
      this.maxEntries = Checks.atLeast("maxEntries", maxEntries, 1);
      return this;
    }

    /** The most bytes held across all namespaces. Default 64 MiB. */
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = Checks.atLeast("maxBytes", maxBytes, 1024);
      return this;
    }

    /**
     * The largest body stored; larger ones pass through uncached. Default: the smaller of 8 MiB
     * and a quarter of {@code maxBytes}. Must not exceed {@code maxBytes}.
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = Checks.nonNegative("maxBodyBytes", maxBodyBytes);
      return this;
    }

    /** The clock entry expiry is read from. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the backend.
     *
     * @throws IllegalStateException when {@code maxBodyBytes} exceeds {@code maxBytes}
     */
    public MemoryBackend build() {
      if (maxBodyBytes < 0) {
        maxBodyBytes = Math.min(DEFAULT_MAX_BODY_BYTES, maxBytes / 4);
      } else if (maxBodyBytes > maxBytes) {
        throw new IllegalStateException("maxBodyBytes (" + maxBodyBytes
            + ") must not exceed maxBytes (" + maxBytes + ")");
      }
      return new MemoryBackend(this);
    }
  }
}
