package dev.cachedhttp.internal;

import java.time.Clock;

/**
 * The collaborators one cache's interceptor works with, built once per cache.
 *
 * @param settings the configuration
 * @param policy decisions on the way in
 * @param reuse decisions on the way out
 * @param keys the key builder
 * @param storage the guarded backend
 * @param entries entry reads and writes with {@code Vary} variants
 * @param mapper conversions between responses and documents
 * @param stats the counters
 * @param coalescer request coalescing
 * @param refresher background refreshes
 */
public record CacheContext(Settings settings, Policy policy, Reuse reuse, Keys keys,
    GuardedBackend storage, StoredEntries entries, ResponseMapper mapper, StatsRecorder stats,
    Coalescer coalescer, BackgroundRefresher refresher) {

  /** Builds the collaborators for {@code settings} over {@code storage}. */
  public static CacheContext create(Settings settings, Keys keys, GuardedBackend storage,
      StatsRecorder stats, BackgroundRefresher refresher) {
    Policy policy = new Policy(settings);
    return new CacheContext(settings, policy, new Reuse(policy), keys, storage,
        new StoredEntries(storage, keys, new Vary(settings.ignored())),
        new ResponseMapper(new Redactor(settings.ignored())), stats, new Coalescer(), refresher);
  }

  /** The clock of every time decision. */
  public Clock clock() {
    return settings.clock();
  }

  /** The largest body stored: the smaller of the setting and the backend's limit. */
  public long maxBodyBytes() {
    return Math.min(settings.maxBodyBytes(), storage.backend().maxBodyBytes());
  }
}
