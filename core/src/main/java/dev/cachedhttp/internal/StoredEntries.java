package dev.cachedhttp.internal;

import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Request;

/**
 * Reads and writes cache entries through the guarded backend: {@code Vary} variants, redirect
 * aliases, invalidations and checks of what is read.
 *
 * <p>Layout: the primary key (the request key) holds the latest response for the URL. A response
 * with {@code Vary} is also stored under a variant key (the primary key, {@code ~} and a digest of
 * the normalised values of the varied request headers), so several variants coexist. Every variant
 * carries a generation (the {@link CachedResponse#variantGeneration()} field) shared with the
 * primary entry; a variant whose generation differs from the primary's is ignored. When the
 * primary entry is gone (deleted, evicted, expired) the next write starts a new generation, so
 * variants from before can never be served again.
 *
 * <p>Every document read is {@linkplain DocumentCheck checked} before use; one that fails is a
 * miss. A response reached through a redirect alias is used only when its own URL or redirect
 * history names the URL asked for; otherwise the alias is stale (its target was rewritten by
 * another redirect) and is deleted. A URL group with an invalidation that is not made yet is a
 * miss, and nothing is stored into it; a write whose call started before an invalidation of its
 * group is skipped, or undone when the invalidation came while it was being made. Thread-safe.
 */
final class StoredEntries {
  private final GuardedBackend storage;
  private final Keys keys;
  private final Vary vary;
  private final Redactor redactor;
  private final Invalidations invalidations;
  private final NearCache near;

  /**
   * Creates the entry store over {@code storage}.
   *
   * @param near the near cache in front of {@code storage}, or null for none
   */
  StoredEntries(GuardedBackend storage, Keys keys, Vary vary, Redactor redactor,
      Invalidations invalidations, NearCache near) {
    this.storage = storage;
    this.keys = keys;
    this.vary = vary;
    this.redactor = redactor;
    this.invalidations = invalidations;
    this.near = near;
  }

  /**
   * What a lookup found.
   *
   * @param primaryKey the key of the primary entry (the target of a redirect alias, if any)
   * @param response the stored response usable for the request, or null
   * @param generation the variant generation of the primary entry, or null
   * @param fromNear whether the near cache answered
   */
  record Found(String primaryKey, CachedResponse response, String generation,
      boolean fromNear) {
    /** Nothing found under {@code key}. */
    static Found none(String key) {
      return new Found(key, null, null, false);
    }

    /** True when a usable stored response was found. */
    boolean present() {
      return response != null;
    }
  }

  /** Finds the stored response for {@code request} under {@code key}, variants resolved. */
  Found find(String key, Request request) {
    if (invalidations.anyPending() && invalidations.pending(keys.groupOf(request, key))) {
      return Found.none(key);
    }
    Optional<Backend.Lookup> primary = near == null ? Optional.empty() : near.lookup(key);
    boolean fromNear = primary.isPresent();
    if (!fromNear) {
      primary = storage.lookup(key);
    }
    if (primary.isEmpty() || !DocumentCheck.usable(primary.get().response())) {
      return Found.none(key);
    }
    String primaryKey = primary.get().key();
    CachedResponse latest = primary.get().response();
    if (!primaryKey.equals(key) && !leadsFrom(latest, request)) {
      forget(key);
      storage.deleteAlias(key);
      return Found.none(key);
    }
    if (near != null && !fromNear) {
      near.remember(primaryKey, latest, null);
      if (!primaryKey.equals(key)) {
        near.rememberAlias(key, primaryKey, null);
      }
    }
    if (!Vary.varies(latest)) {
      return new Found(primaryKey, latest, null, fromNear);
    }
    String generation = Vary.generation(latest);
    if (vary.matches(latest, request)) {
      return new Found(primaryKey, latest, generation, fromNear);
    }
    if (generation == null || Vary.isStar(latest.headers())) {
      return new Found(primaryKey, null, generation, fromNear);
    }
    String variantKey = keys.variant(primaryKey,
        vary.keyParts(Vary.names(latest.headers()), request));
    Optional<CachedResponse> variant = near == null ? Optional.empty() : near.get(variantKey);
    boolean variantFromNear = variant.isPresent();
    if (!variantFromNear) {
      variant = storage.get(variantKey).filter(DocumentCheck::usable);
      if (near != null) {
        variant.ifPresent(found -> near.remember(variantKey, found, null));
      }
    }
    CachedResponse usable = variant.filter(DocumentCheck::usable)
        .filter(found -> generation.equals(Vary.generation(found)))
        .filter(found -> vary.matches(found, request))
        .orElse(null);
    return new Found(primaryKey, usable, generation, variantFromNear);
  }

  /**
   * Deletes, in both tiers, every response and alias whose key starts with one of {@code
   * prefixes}; returns false when the far backend could not (see {@link
   * GuardedBackend#deletePrefixes}).
   */
  boolean deletePrefixes(java.util.List<String> prefixes) {
    if (near != null) {
      near.forgetPrefixes(prefixes);
    }
    return storage.deletePrefixes(prefixes);
  }

  private void forget(String key) {
    if (near != null) {
      near.forget(key);
    }
  }

  /** True when {@code target}'s URL or redirect history names the URL of {@code request}. */
  private boolean leadsFrom(CachedResponse target, Request request) {
    String asked = redactor.url(request.url());
    if (asked.equals(target.url())) {
      return true;
    }
    for (RedirectHop hop : target.history()) {
      if (asked.equals(hop.url())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code cached} may answer {@code request} as far as {@code Vary} and partial
   * content ({@link PartialContent#usableFor}) are concerned.
   */
  boolean fits(CachedResponse cached, Request request) {
    return PartialContent.usableFor(cached, request)
        && (!Vary.varies(cached) || vary.matches(cached, request));
  }

  /**
   * Stores {@code document} for {@code request} under {@code primaryKey} (and its variant key
   * when it varies), continuing {@code generation} or starting a new one when it is null, unless
   * {@code group} was invalidated after {@code ticket}. Returns null when every write succeeded
   * (or was queued), else why the document is not stored.
   */
  CacheListener.NotStoredReason put(String primaryKey, String generation,
      CachedResponse document, Request request, Instant storageExpiry, String group,
      long ticket) {
    if (invalidations.pending(group) || invalidations.invalidatedSince(group, ticket)) {
      return CacheListener.NotStoredReason.INVALIDATED;
    }
    String variantKey = null;
    CachedResponse written = document;
    boolean stored;
    if (!Vary.varies(document)) {
      stored = storage.put(primaryKey, document, storageExpiry);
    } else {
      String mark = generation != null ? generation
          : Long.toHexString(ThreadLocalRandom.current().nextLong());
      written = Vary.withGeneration(document, mark);
      variantKey = keys.variant(primaryKey,
          vary.keyParts(Vary.names(document.headers()), request));
      boolean variantStored = storage.put(variantKey, written, storageExpiry);
      stored = storage.put(primaryKey, written, storageExpiry) && variantStored;
    }
    if (invalidations.invalidatedSince(group, ticket)) {
      // An invalidation came while this write was being made: it may have deleted before the
      // write landed, so the write undoes itself.
      undo(primaryKey);
      if (variantKey != null) {
        undo(variantKey);
      }
      return CacheListener.NotStoredReason.INVALIDATED;
    }
    if (near != null) {
      if (stored) {
        near.remember(primaryKey, written, storageExpiry);
        if (variantKey != null) {
          near.remember(variantKey, written, storageExpiry);
        }
      } else {
        forget(primaryKey);
      }
    }
    if (stored) {
      return null;
    }
    return storage.circuitState() == CircuitState.OPEN ? CacheListener.NotStoredReason.BREAKER_OPEN
        : CacheListener.NotStoredReason.WRITE_FAILED;
  }

  /**
   * Stores a redirect alias from the key of {@code hop} to {@code target}, unless the group of
   * the hop's URL was invalidated after {@code ticket}.
   */
  void putAlias(String alias, String target, Request hop, Instant storageExpiry, long ticket) {
    String group = keys.group(hop.url());
    if (invalidations.pending(group) || invalidations.invalidatedSince(group, ticket)) {
      return;
    }
    storage.putAlias(alias, target, storageExpiry);
    if (invalidations.invalidatedSince(group, ticket)) {
      forget(alias);
      storage.deleteAlias(alias);
    } else if (near != null) {
      near.rememberAlias(alias, target, storageExpiry);
    }
  }

  private void undo(String key) {
    forget(key);
    storage.delete(key);
  }
}
