package dev.cachedhttp.internal;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the cache talks to its backend during a call: every failure becomes a miss or a
 * skipped write, is counted, and is logged at WARN at most once a minute per operation. Nothing
 * thrown by a backend (not even an {@link Error} subclass other than a virtual machine error)
 * reaches the caller. Thread-safe.
 */
public final class GuardedBackend {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedBackend.class);

  private final Backend backend;
  private final StatsRecorder stats;
  private final WarningLimiter warnings;

  /** Guards {@code backend}, counting into {@code stats}. */
  public GuardedBackend(Backend backend, StatsRecorder stats, Clock clock) {
    this.backend = backend;
    this.stats = stats;
    this.warnings = new WarningLimiter(clock);
  }

  /** The guarded backend. */
  public Backend backend() {
    return backend;
  }

  /** Looks {@code key} up, following redirect aliases; a failure is an empty result. */
  public Optional<Backend.Lookup> lookup(String key) {
    try {
      Optional<Backend.Lookup> found = backend.lookup(key);
      return found == null ? Optional.empty() : found;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      failed("read", failure);
      return Optional.empty();
    }
  }

  /** Reads the response stored under {@code key} itself (no alias); a failure is empty. */
  public Optional<CachedResponse> get(String key) {
    try {
      Optional<CachedResponse> found = backend.responses().get(key);
      return found == null ? Optional.empty() : found;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      failed("read", failure);
      return Optional.empty();
    }
  }

  /** Stores a response; returns false (counted as a skipped write) when the backend fails. */
  public boolean put(String key, CachedResponse response, Instant expiresAt) {
    try {
      backend.responses().put(key, response, expiresAt);
      stats.write();
      return true;
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      failed("write", failure);
      stats.writeSkipped();
      return false;
    }
  }

  /** Stores a redirect alias; failures are counted and logged. */
  public void putAlias(String alias, String target, Instant expiresAt) {
    try {
      backend.redirects().put(alias, target, expiresAt);
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      failed("redirect write", failure);
    }
  }

  /** Deletes the response under {@code key}; failures are counted and logged. */
  public void delete(String key) {
    try {
      backend.responses().delete(key);
    } catch (RuntimeException | LinkageError | AssertionError failure) {
      failed("delete", failure);
    }
  }

  private void failed(String operation, Throwable failure) {
    stats.backendError();
    if (warnings.due(operation)) {
      LOG.warn("cache {} failed on {}; the call goes on without the cache ({}: {}). "
              + "Further {} failures are counted in CacheStats and logged at most once a minute.",
          operation, backend.getClass().getSimpleName(), failure.getClass().getName(),
          failure.getMessage(), operation);
    } else {
      LOG.debug("cache {} failed", operation, failure);
    }
  }
}
