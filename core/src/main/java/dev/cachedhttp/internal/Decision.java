package dev.cachedhttp.internal;

/** What the cache does with a request after looking at what is stored. */
public enum Decision {
  /** Serve the stored response without contacting the origin (fresh, or stale the request accepts). */
  FRESH,
  /** Serve the stored, stale response at once and refresh it in the background. */
  STALE_WHILE_REVALIDATE,
  /** Ask the origin whether the stored response is still valid (conditional request). */
  REVALIDATE,
  /** Fetch from the origin and store the answer if storable. */
  NETWORK,
  /** Answer with a synthetic 504: the request allows only the cache and nothing usable is there. */
  UNSATISFIABLE
}
