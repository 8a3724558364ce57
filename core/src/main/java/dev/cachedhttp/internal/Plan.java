package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.util.Objects;

/**
 * What the cache does with one call, as {@link Planner} decides it: a pure value that {@link
 * Exchange} carries out top to bottom.
 *
 * @param action what to do
 * @param stored the stored response the action uses: served, validated against, or null when the
 *     action uses none
 * @param conditional for {@link Action#FETCH}: ask the origin to validate {@code stored}
 * @param staleFallback for {@link Action#FETCH}: the stored response to serve instead when the
 *     origin cannot be reached, or null
 * @param fallbackOnServerError whether {@code staleFallback} also replaces a 5xx answer
 *     (stale-if-error); otherwise it is served only when the cache is disconnected from the
 *     origin (an I/O error)
 * @param partial for {@link Action#FETCH}: a stored partial response whose missing bytes are
 *     asked of the origin to complete it ({@link PartialCompletion}), or null
 */
record Plan(Action action, CachedResponse stored, boolean conditional,
    CachedResponse staleFallback, boolean fallbackOnServerError, CachedResponse partial) {

  /** The kinds of plan. */
  public enum Action {
    /** Serve {@code stored} without contacting the origin (fresh, or stale the request accepts). */
    SERVE,
    /**
     * Answer the caller's own conditional request with a 304 generated from the fresh {@code
     * stored} response whose validators match (RFC 9111 section 4.3.2).
     */
    NOT_MODIFIED,
    /** Serve the stale {@code stored} response at once and refresh it in the background. */
    SERVE_STALE_AND_REFRESH,
    /** Answer with a synthetic 504: only the cache may answer and nothing usable is stored. */
    UNSATISFIABLE,
    /** Go to the origin, plain or conditional, with or without a stale fallback. */
    FETCH
  }

  /** Checks that each action has what it needs. */
  public Plan {
    Objects.requireNonNull(action, "action");
    boolean needsStored = action == Action.SERVE || action == Action.NOT_MODIFIED
        || action == Action.SERVE_STALE_AND_REFRESH || conditional;
    if (needsStored && stored == null) {
      throw new IllegalArgumentException(action + " needs a stored response");
    }
    if (partial != null && (action != Action.FETCH || conditional)) {
      throw new IllegalArgumentException(action + " cannot complete a partial response");
    }
  }

  /** Serve {@code stored}. */
  public static Plan serve(CachedResponse stored) {
    return new Plan(Action.SERVE, stored, false, null, false, null);
  }

  /** Answer 304 from {@code stored}. */
  public static Plan notModified(CachedResponse stored) {
    return new Plan(Action.NOT_MODIFIED, stored, false, null, false, null);
  }

  /** Serve stale {@code stored} and refresh it. */
  public static Plan serveStaleAndRefresh(CachedResponse stored) {
    return new Plan(Action.SERVE_STALE_AND_REFRESH, stored, false, null, false, null);
  }

  /** The synthetic 504. */
  public static Plan unsatisfiable() {
    return new Plan(Action.UNSATISFIABLE, null, false, null, false, null);
  }

  /**
   * Go to the origin: conditionally when {@code validated} is not null, falling back to {@code
   * staleFallback} (may be null) when the origin fails with an I/O error, and also on a 5xx when
   * {@code fallbackOnServerError}.
   */
  public static Plan fetch(CachedResponse validated, CachedResponse staleFallback,
      boolean fallbackOnServerError) {
    return new Plan(Action.FETCH, validated, validated != null, staleFallback,
        staleFallback != null && fallbackOnServerError, null);
  }

  /** Go to the origin for the bytes the stored 206 {@code partial} lacks. */
  public static Plan complete(CachedResponse partial) {
    return new Plan(Action.FETCH, null, false, null, false, partial);
  }

  /** Go to the origin, conditionally when {@code validated} is not null, with no fallback. */
  public static Plan fetch(CachedResponse validated) {
    return fetch(validated, null, false);
  }

  /** True for a plan that answers without the origin. */
  public boolean answersFromCache() {
    return action != Action.FETCH;
  }
}
