package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheListener;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching interceptor. One call, top to bottom ({@link #intercept}):
 *
 * <ol>
 *   <li>options and key, lookup, plan ({@link #prepare}): pure decisions around one guarded read;
 *   <li>carry the plan out ({@link #carryOut}): answer from the cache, or go to the origin,
 *       coalesced with identical calls ({@link #fetch}), conditional when the plan says so, with
 *       a stale fallback when the origin fails ({@link #origin});
 *   <li>store the answer and invalidate after unsafe methods ({@link #afterOrigin});
 *   <li>count the outcome once.
 * </ol>
 *
 * <p>There are two boundaries and only two: the cache's own work around the origin ({@link
 * #safely}) and storing after it ({@link #afterOrigin}). A bug in the cache or a hostile stored
 * document becomes "go to the network uncached" (or "serve the origin's answer unstored"); an
 * origin failure is never hidden. Install it as an application interceptor so redirects are
 * followed below it. Thread-safe.
 */
public final class CacheInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CacheInterceptor.class);
  private static final long DEFAULT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Policy policy;
  private final Keys keys;
  private final Planner planner;
  private final StoredEntries entries;
  private final ResponseStore store;
  private final ResponseMapper mapper;
  private final Coalescer coalescer;
  private final BackgroundRefresher refresher;
  private final Invalidations invalidations;
  private final Invalidator invalidator;
  private final Vary vary;
  private final StatsRecorder stats;
  private final WarningLimiter warnings;
  private final Clock clock;
  private final boolean cacheStatusHeader;
  private final GuardedBackend storage;
  private final FleetCoalescing fleet;
  private volatile boolean closed;
  private final AtomicBoolean closedWarned = new AtomicBoolean();

  private CacheInterceptor(Settings settings, GuardedBackend storage, Keys keys,
      StatsRecorder stats, BackgroundRefresher refresher, NearCache near) {
    this.storage = storage;
    this.fleet = FleetCoalescing.of(settings, storage);
    this.policy = new Policy(settings);
    this.keys = keys;
    this.planner = new Planner(policy);
    this.clock = settings.clock();
    this.warnings = new WarningLimiter(clock);
    this.vary = new Vary(settings.ignored());
    Redactor redactor = new Redactor(settings.ignored());
    this.invalidations = new Invalidations(clock);
    this.entries = new StoredEntries(storage, keys, vary, redactor, invalidations, near);
    this.mapper = new ResponseMapper(redactor);
    long maxBodyBytes = Math.min(settings.maxBodyBytes(), storage.backend().maxBodyBytes());
    this.store = new ResponseStore(policy, entries, mapper, keys, clock, maxBodyBytes);
    this.coalescer = settings.coalescing() ? new Coalescer(invalidations) : null;
    this.refresher = refresher;
    this.invalidator = new Invalidator(keys, entries, invalidations, stats, warnings);
    this.stats = stats;
    this.cacheStatusHeader = settings.cacheStatusHeader();
  }

  /**
   * Wires the interceptor for {@code settings} over {@code storage}.
   *
   * @param storage the guarded backend
   * @param keys the key builder
   * @param stats the counters
   * @param refresher background refreshes
   * @param near the near cache in front of {@code storage}, or null for none
   */
  public static CacheInterceptor create(Settings settings, GuardedBackend storage, Keys keys,
      StatsRecorder stats, BackgroundRefresher refresher, NearCache near) {
    return new CacheInterceptor(settings, storage, keys, stats, refresher, near);
  }

  /**
   * One call's state, settled before the origin is asked; {@code answer} is the answer from the
   * cache when the plan needs no origin, else null.
   */
  private record Call(Request request, CacheOptions options, Optional<Expiration> configured,
      String key, Keys keys, long ticket, long invalidationTicket, StoredEntries.Found found,
      Plan plan, Request outgoing, String flightKey, Outcome answer) {

    /** The URL group, read off the key when needed (a hit never needs it). */
    String group() {
      return keys.groupOf(request, key);
    }

    /** This call with {@code answer}, the answer from the cache. */
    Call answered(Outcome answer) {
      return new Call(request, options, configured, key, keys, ticket, invalidationTicket, found,
          plan, outgoing, flightKey, answer);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Call call = closed ? closedBypass(request)
        : safely(request, "prepare", () -> prepare(chain));
    Outcome outcome = call == null ? passThrough(chain, request) : carryOut(chain, call);
    stats.outcome(request, outcome);
    Response response = outcome.response();
    return cacheStatusHeader ? CacheStatus.tag(response, outcome.info(),
        outcome.streamed() != null, clock.instant()) : response;
  }

  /** From now on every call passes through uncached, as if there were no cache. */
  public void close() {
    closed = true;
  }

  /** No call: the cache is closed. The first call after close says so, once. */
  private Call closedBypass(Request request) {
    if (closedWarned.compareAndSet(false, true)) {
      LOG.warn("{} {} bypasses the cache: its CachedClient is closed; every later call "
          + "bypasses it too (counted as bypassed, not logged again)", request.method(),
          request.url().redact());
    }
    return null;
  }

  /**
   * Settles options and key, looks the key up and plans the call; null when the cache takes no
   * part in it (skipped, a method or expiration that is not cached, a body that cannot be keyed).
   */
  private Call prepare(Interceptor.Chain chain) {
    invalidator.retryDue();
    Request request = chain.request();
    CacheOptions options = CacheOptions.of(request);
    Optional<Expiration> configured = policy.configuredExpiration(request, options);
    if (!policy.usesCache(request, options, configured.orElse(Expiration.NEVER))) {
      return null;
    }
    Optional<String> key = keys.of(request);
    if (key.isEmpty()) {
      return null;
    }
    long ticket = coalescer == null ? 0 : coalescer.ticket();
    long invalidationTicket = invalidations.ticket();
    StoredEntries.Found found = options.forceRefresh() ? StoredEntries.Found.none(key.get())
        : entries.find(key.get(), request);
    Plan plan = planner.plan(clock.instant(), request, options, found.response(),
        refresher.isBackgroundRefresh(chain.call()));
    Request outgoing = request;
    if (plan.conditional()) {
      outgoing = mapper.conditional(request, plan.stored());
      if (outgoing == null) {
        outgoing = request;
        plan = Plan.fetch(null, plan.staleFallback(), plan.fallbackOnServerError());
      }
    }
    if (plan.partial() != null) {
      outgoing = PartialCompletion.request(request, plan.partial());
    }
    String flightKey = flightKey(key.get(), found, request);
    Call call = new Call(request, options, configured, key.get(), keys, ticket,
        invalidationTicket, found, plan, outgoing, flightKey, null);
    return plan.answersFromCache() ? call.answered(answer(chain, call)) : call;
  }

  /** Carries out {@code call}'s plan: the answer prepared from the cache, or the origin's. */
  private Outcome carryOut(Interceptor.Chain chain, Call call) throws IOException {
    switch (call.plan().action()) {
      case SERVE:
      case NOT_MODIFIED:
      case SERVE_STALE_AND_REFRESH:
      case UNSATISFIABLE:
        return call.answer();
      case FETCH:
        return fetch(chain, call);
      default:
        throw new IllegalStateException("unknown plan " + call.plan().action());
    }
  }

  /** Builds the answer of a plan that needs no origin. */
  private Outcome answer(Interceptor.Chain chain, Call call) {
    Plan plan = call.plan();
    String storedKey = call.found().primaryKey();
    switch (plan.action()) {
      case SERVE:
        return serve(call, storedKey, plan.stored(), CacheInfo.Source.CACHE);
      case NOT_MODIFIED:
        Outcome served = serve(call, storedKey, plan.stored(), CacheInfo.Source.CACHE);
        return new Outcome(mapper.notModified(served.response()), served.info(), plan.stored());
      case SERVE_STALE_AND_REFRESH:
        refresher.schedule(call.flightKey(), chain.call());
        return serve(call, storedKey, plan.stored(), CacheInfo.Source.STALE_WHILE_REVALIDATE);
      case UNSATISFIABLE:
        Instant now = clock.instant();
        CacheInfo info = CacheInfo.create(CacheInfo.Source.UNSATISFIABLE, call.key(), now, null,
            false, false);
        return new Outcome(mapper.unsatisfiable(call.request(), info, now), info, null);
      default:
        throw new IllegalStateException("not an answer from the cache: " + plan.action());
    }
  }

  /**
   * Goes to the origin for {@code call}, coalesced: a follower of a flight waits for its leader
   * and is served from what it stored, or goes alone; a leader whose flight raced a completed one
   * looks again first, and completes its flight with what it stored.
   */
  private Outcome fetch(Interceptor.Chain chain, Call call) throws IOException {
    if (coalescer == null) {
      return origin(chain, call);
    }
    Coalescer.Flight flight = coalescer.join(call.flightKey(), call.group(), call.ticket(),
        call.invalidationTicket());
    if (!flight.leads()) {
      Optional<CachedResponse> shared = flight.await(chain.call(), waitNanos(chain));
      Outcome followed = shared.isEmpty() || !entries.fits(shared.get(), call.request()) ? null
          : safely(call.request(), "coalesced answer",
              () -> serve(call, call.key(), shared.get(), CacheInfo.Source.COALESCED));
      return followed != null ? followed : origin(chain, call);
    }
    Outcome outcome = null;
    try {
      Call current = flight.raced() ? lookAgain(chain, call) : call;
      boolean leased = false;
      if (fleet != null && !current.plan().answersFromCache() && !current.found().present()) {
        Call cold = current;
        FleetCoalescing.Turn<Call> turn = fleet.take(cold.key(), cold, chain.call(),
            waitNanos(chain), () -> lookAgain(chain, cold), c -> c.plan().answersFromCache());
        current = turn.call();
        leased = turn.leased();
      }
      try {
        outcome = current.plan().answersFromCache() ? current.answer() : origin(chain, current);
      } finally {
        if (leased) {
          fleet.releaseWhenSettled(current.key(), outcome);
        }
      }
      return outcome;
    } finally {
      if (outcome != null && outcome.streamed() != null) {
        outcome.streamed().thenAccept(stored -> flight.complete(stored.document()));
      } else {
        flight.complete(outcome == null ? null : outcome.shared());
      }
    }
  }

  /** A flight of the key completed between this call's lookup and now: look and plan again. */
  private Call lookAgain(Interceptor.Chain chain, Call call) {
    Call again = safely(call.request(), "prepare", () -> prepare(chain));
    return again != null && again.key().equals(call.key()) ? again : call;
  }

  /**
   * Sends {@code call} to the origin and stores the answer; when the origin fails (an I/O error,
   * or a 5xx where stale-if-error applies) and the plan has a stale fallback, serves that.
   */
  private Outcome origin(Interceptor.Chain chain, Call call) throws IOException {
    Plan plan = call.plan();
    Instant sentAt = clock.instant();
    Response response;
    try {
      response = chain.proceed(call.outgoing());
      if (plan.partial() != null) {
        response = PartialCompletion.finish(chain, call.request(), plan.partial(), response);
      }
    } catch (IOException failure) {
      Outcome stale = staleOnError(call);
      if (stale == null) {
        throw failure;
      }
      return stale;
    }
    if (response.code() >= 500 && plan.fallbackOnServerError()) {
      Outcome stale = staleOnError(call);
      if (stale != null) {
        response.close();
        return stale;
      }
    }
    return afterOrigin(call, call.request(), response, sentAt);
  }

  /** The plan's stale fallback served instead of an origin failure; followers get nothing. */
  private Outcome staleOnError(Call call) {
    CachedResponse fallback = call.plan().staleFallback();
    Outcome stale = fallback == null ? null : safely(call.request(), "stale answer",
        () -> serve(call, call.found().primaryKey(), fallback, CacheInfo.Source.STALE_IF_ERROR));
    return stale == null ? null : new Outcome(stale.response(), stale.info(), null);
  }

  /** A call the cache takes no part in: to the origin as it is, then invalidation if unsafe. */
  private Outcome passThrough(Interceptor.Chain chain, Request request) throws IOException {
    Instant sentAt = clock.instant();
    Response response = chain.proceed(request);
    return closed ? bypassed(response) : afterOrigin(null, request, response, sentAt);
  }

  /**
   * The storing boundary: invalidates after an unsafe method, then (for a cacheable {@code call})
   * merges a 304 into the stored response or stores the answer; a POST's answer may be stored for
   * later GETs ({@link PostReuse}). A failure of the cache here serves the origin's answer
   * unstored.
   */
  private Outcome afterOrigin(Call call, Request request, Response response, Instant sentAt)
      throws IOException {
    ResponseStore.Attempt attempt = new ResponseStore.Attempt(response);
    try {
      long ticket = call == null ? 0 : call.invalidationTicket();
      if (Invalidator.unsafe(request.method())) {
        invalidator.after(request, response, call != null);
        ticket = invalidations.ticket(); // its own invalidation does not stop its own store
      }
      if (call == null) {
        Optional<ResponseStore.Target> asGet =
            PostReuse.target(policy, keys, request, response, ticket);
        return asGet.isEmpty() ? bypassed(response) : store.store(asGet.get(), attempt, sentAt);
      }
      ResponseStore.Target target = new ResponseStore.Target(request, call.key(), call.group(),
          ticket, generation(call), call.configured());
      if (call.plan().conditional() && response.code() == 304) {
        return store.freshen(target, call.found(), response, sentAt);
      }
      if (response.code() == 200 && "HEAD".equals(request.method())) {
        store.freshenFromHead(target, response, sentAt);
      }
      return store.store(target, attempt, sentAt);
    } catch (RuntimeException bug) {
      warn("store", request, bug);
      if (call == null) {
        return bypassed(attempt.response());
      }
      if (call.plan().conditional() && response.code() == 304) {
        Outcome stored = safely(request, "revalidated answer", () -> serve(call,
            call.found().primaryKey(), call.plan().stored(), CacheInfo.Source.REVALIDATED));
        if (stored != null) {
          return new Outcome(stored.response(), stored.info(), null,
              CacheListener.NotStoredReason.CACHE_ERROR);
        }
      }
      CacheInfo info = CacheInfo.create(CacheInfo.Source.NETWORK, call.key(), clock.instant(),
          null, false, false);
      return new Outcome(mapper.tag(attempt.response(), info), info, null,
          CacheListener.NotStoredReason.CACHE_ERROR);
    }
  }

  /**
   * The boundary of the cache's own work around the origin: a runtime failure of {@code work}
   * (a bug, a hostile stored document) is logged and becomes null, so the call goes on as if
   * there were no cache.
   */
  private <T> T safely(Request request, String step, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException bug) {
      warn(step, request, bug);
      return null;
    }
  }

  private void warn(String step, Request request, RuntimeException bug) {
    if (warnings.due("bug:" + step)) {
      LOG.warn("cache failed ({}) on {} {}; the call goes on without the cache", step,
          request.method(), request.url().redact(), bug);
    } else {
      LOG.debug("cache failed ({})", step, bug);
    }
  }

  private Outcome bypassed(Response response) {
    CacheInfo info = CacheInfo.create(CacheInfo.Source.BYPASS, "", clock.instant(), null, false,
        false);
    return new Outcome(mapper.tag(response, info), info, null);
  }

  private Outcome serve(Call call, String storedKey, CachedResponse cached,
      CacheInfo.Source source) {
    Instant now = clock.instant();
    Instant expires = planner.expiresFor(cached, call.options()).orElse(null);
    boolean fromNear = source != CacheInfo.Source.COALESCED && call.found().fromNear()
        && cached == call.found().response();
    CacheInfo info = CacheInfo.create(source, storedKey, cached.createdAt(), expires,
        Storage.isExpired(expires, now), false, fromNear);
    return new Outcome(mapper.toResponse(cached, call.request(), info, now), info, cached);
  }

  /** The generation a write of {@code call} continues: its own primary entry's, if any. */
  private static String generation(Call call) {
    StoredEntries.Found found = call.found();
    return found.primaryKey().equals(call.key()) ? found.generation() : null;
  }

  /** Calls for different variants of one URL do not wait for each other. */
  private String flightKey(String key, StoredEntries.Found found, Request request) {
    if (!found.present() || !Vary.varies(found.response())) {
      return key;
    }
    return key + "|" + String.join("|",
        vary.keyParts(Vary.names(found.response().headers()), request));
  }

  private static long waitNanos(Interceptor.Chain chain) {
    long callTimeout = chain.call().timeout().timeoutNanos();
    if (callTimeout > 0) {
      return callTimeout;
    }
    long sum = (long) chain.connectTimeoutMillis() + chain.readTimeoutMillis()
        + chain.writeTimeoutMillis();
    return sum > 0 ? TimeUnit.MILLISECONDS.toNanos(sum) : DEFAULT_WAIT_NANOS;
  }
}
