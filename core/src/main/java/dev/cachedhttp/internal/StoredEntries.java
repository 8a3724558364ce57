package dev.cachedhttp.internal;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Request;

/**
 * Reads and writes cache entries through the guarded backend, resolving {@code Vary} variants.
 *
 * <p>Layout: the primary key (the request key) holds the latest response for the URL. A response
 * with {@code Vary} is also stored under a variant key (a digest of the primary key and the
 * normalised values of the varied request headers), so several variants coexist. Every variant
 * carries a generation mark (in its stored request headers) shared with the primary entry; a
 * variant whose generation differs from the primary's is ignored. When the primary entry is gone
 * (deleted by invalidation, evicted, expired) the next write starts a new generation, so variants
 * from before can never be served again. Thread-safe.
 */
final class StoredEntries {
  private final GuardedBackend storage;
  private final Keys keys;
  private final Vary vary;

  /** Creates the entry store over {@code storage}. */
  public StoredEntries(GuardedBackend storage, Keys keys, Vary vary) {
    this.storage = storage;
    this.keys = keys;
    this.vary = vary;
  }

  /**
   * What a lookup found.
   *
   * @param primaryKey the key of the primary entry (the target of a redirect alias, if any)
   * @param response the stored response usable for the request, or null
   * @param generation the variant generation of the primary entry, or null
   */
  public record Found(String primaryKey, CachedResponse response, String generation) {
    /** Nothing found under {@code key}. */
    public static Found none(String key) {
      return new Found(key, null, null);
    }

    /** True when a usable stored response was found. */
    public boolean present() {
      return response != null;
    }
  }

  /** Finds the stored response for {@code request} under {@code key}, variants resolved. */
  public Found find(String key, Request request) {
    Optional<Backend.Lookup> primary = storage.lookup(key);
    if (primary.isEmpty()) {
      return Found.none(key);
    }
    String primaryKey = primary.get().key();
    CachedResponse latest = primary.get().response();
    if (!Vary.varies(latest)) {
      return new Found(primaryKey, latest, null);
    }
    String generation = Vary.generation(latest);
    if (vary.matches(latest, request)) {
      return new Found(primaryKey, latest, generation);
    }
    if (generation == null || Vary.isStar(latest.headers())) {
      return new Found(primaryKey, null, generation);
    }
    String variantKey = keys.variant(primaryKey,
        vary.keyParts(Vary.names(latest.headers()), request));
    CachedResponse variant = storage.get(variantKey)
        .filter(found -> generation.equals(Vary.generation(found)))
        .filter(found -> vary.matches(found, request))
        .orElse(null);
    return new Found(primaryKey, variant, generation);
  }

  /** True when {@code cached} may answer {@code request} as far as {@code Vary} is concerned. */
  public boolean fits(CachedResponse cached, Request request) {
    return !Vary.varies(cached) || vary.matches(cached, request);
  }

  /**
   * Stores {@code document} for {@code request} under {@code primaryKey} (and its variant key
   * when it varies), continuing {@code generation} or starting a new one when it is null.
   * Returns true when every write succeeded.
   */
  public boolean put(String primaryKey, String generation, CachedResponse document,
      Request request, Instant storageExpiry) {
    if (!Vary.varies(document)) {
      return storage.put(primaryKey, document, storageExpiry);
    }
    String mark = generation != null ? generation
        : Long.toHexString(ThreadLocalRandom.current().nextLong());
    CachedResponse marked = Vary.withGeneration(document, mark);
    String variantKey = keys.variant(primaryKey,
        vary.keyParts(Vary.names(document.headers()), request));
    boolean variantStored = storage.put(variantKey, marked, storageExpiry);
    return storage.put(primaryKey, marked, storageExpiry) && variantStored;
  }
}
