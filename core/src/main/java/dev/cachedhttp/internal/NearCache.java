package dev.cachedhttp.internal;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded local backend in front of the far one (a fleet's shared DynamoDB table): what this
 * instance read from or wrote to the far backend is kept here for at most {@code maxAge}, so a
 * hot key costs no far request, and another instance's change or invalidation is seen within
 * {@code maxAge}. An entry is used only while its own stored expiry allows too. Only documents
 * that passed {@link DocumentCheck} are copied in, so a damaged far backend never poisons it. A
 * failure of the near backend is a miss or a skipped copy, never a failed call. Thread-safe.
 */
public final class NearCache {
  private static final Logger LOG = LoggerFactory.getLogger(NearCache.class);

  private final Backend near;
  private final Duration maxAge;
  private final Clock clock;
  private final WarningLimiter warnings;

  /**
   * Puts {@code near} in front of the far backend.
   *
   * @param maxAge how long an entry read from or written to the far backend is used at most
   */
  public NearCache(Backend near, Duration maxAge, Clock clock) {
    this.near = near;
    this.maxAge = maxAge;
    this.clock = clock;
    this.warnings = new WarningLimiter(clock);
  }

  /** The near backend's lookup of {@code key} (a response or an alias to one). */
  Optional<Backend.Lookup> lookup(String key) {
    return quietly("read", () -> near.lookup(key), Optional.empty());
  }

  /** The near backend's response under {@code key} itself. */
  Optional<CachedResponse> get(String key) {
    return quietly("read", () -> near.responses().get(key), Optional.empty());
  }

  /** Keeps {@code document}, read from or written to the far backend, for at most maxAge. */
  void remember(String key, CachedResponse document, Instant storageExpiry) {
    Instant until = until(storageExpiry);
    quietly("write", () -> {
      near.responses().put(key, document, until);
      return null;
    }, null);
  }

  /** Keeps the alias {@code alias} to {@code target} for at most maxAge. */
  void rememberAlias(String alias, String target, Instant storageExpiry) {
    Instant until = until(storageExpiry);
    quietly("write", () -> {
      near.redirects().put(alias, target, until);
      return null;
    }, null);
  }

  /** Forgets the response (or alias) under {@code key}. */
  void forget(String key) {
    quietly("delete", () -> {
      near.responses().delete(key);
      near.redirects().delete(key);
      return null;
    }, null);
  }

  /** Forgets every response and alias whose key starts with one of {@code prefixes}. */
  void forgetPrefixes(List<String> prefixes) {
    quietly("delete", () -> {
      for (String prefix : prefixes) {
        near.responses().deleteWithPrefix(prefix);
        near.redirects().deleteWithPrefix(prefix);
      }
      return null;
    }, null);
  }

  /** Closes the near backend. */
  public void close() {
    quietly("close", () -> {
      near.close();
      return null;
    }, null);
  }

  private Instant until(Instant storageExpiry) {
    Instant limit = clock.instant().plus(maxAge);
    return storageExpiry != null && storageExpiry.isBefore(limit) ? storageExpiry : limit;
  }

  private <T> T quietly(String operation, Supplier<T> call, T onFailure) {
    try {
      T result = call.get();
      return result == null ? onFailure : result;
    } catch (RuntimeException failure) {
      if (warnings.due(operation)) {
        LOG.warn("near cache {} failed on {}; the call goes on with the far backend ({}: {})",
            operation, near.getClass().getSimpleName(), failure.getClass().getName(),
            failure.getMessage());
      }
      return onFailure;
    }
  }
}
