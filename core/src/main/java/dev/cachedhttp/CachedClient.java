package dev.cachedhttp;

import dev.cachedhttp.internal.BackgroundRefresher;
import dev.cachedhttp.internal.CacheInterceptor;
import dev.cachedhttp.internal.Checks;
import dev.cachedhttp.internal.DefaultBackends;
import dev.cachedhttp.internal.GuardedBackend;
import dev.cachedhttp.internal.IgnoredParameters;
import dev.cachedhttp.internal.Keys;
import dev.cachedhttp.internal.Listeners;
import dev.cachedhttp.internal.NearCache;
import dev.cachedhttp.internal.Settings;
import dev.cachedhttp.internal.StatsRecorder;
import dev.cachedhttp.internal.UrlPattern;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.BackendProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An HTTP response cache for OkHttp: a configured caching {@link Interceptor} over a storage
 * {@link Backend}, with ready clients that use it.
 *
 * <pre>{@code
 * CachedClient cached = CachedClient.builder()
 *     .expireAfter(Duration.ofMinutes(5))
 *     .build();
 * OkHttpClient client = cached.client();
 * }</pre>
 *
 * <p>Thread-safe; build one per configuration and share it. {@link #close()} stops background
 * refreshes and closes the backend. HTTP caching semantics (which headers are honoured in which
 * mode, precedence, stale-if-error, stale-while-revalidate, coalescing, {@code Vary}) are
 * described in {@code docs/http-caching.md}.
 */
public final class CachedClient implements AutoCloseable {
  private final Settings settings;
  private final Backend backend;
  private final StatsRecorder stats;
  private final CacheInterceptor interceptor;
  private final CacheInspector inspector;
  private final BackgroundRefresher refresher;
  private final GuardedBackend guarded;
  private final Listeners listeners;
  private final NearCache near;
  private volatile OkHttpClient client;

  private CachedClient(Settings settings, Backend backend) {
    this.settings = settings;
    this.backend = backend;
    this.listeners = new Listeners(settings.listeners(), settings.listenerExecutor(),
        settings.clock());
    this.stats = new StatsRecorder(listeners);
    Keys keys = new Keys(settings.ignored(), settings.matchHeaders(), settings.keyFunction(),
        settings.keySecret());
    this.guarded = new GuardedBackend(backend, stats, settings.clock(), settings.circuitBreaker(),
        settings.writeMode(), settings.writeQueueCapacity(), settings.writeQueueBytes(),
        settings.writeConcurrency());
    boolean ownsExecutor = settings.backgroundExecutor() == null;
    Executor executor = ownsExecutor ? BackgroundRefresher.defaultExecutor(
        settings.backgroundThreads(), Builder.BACKGROUND_QUEUE_CAPACITY)
        : settings.backgroundExecutor();
    this.refresher = new BackgroundRefresher(executor, ownsExecutor, stats);
    this.near = settings.nearCache() == null ? null
        : new NearCache(settings.nearCache(), settings.nearCacheMaxAge(), settings.clock());
    this.interceptor = CacheInterceptor.create(settings, guarded, keys, stats, refresher, near);
    this.inspector = new CacheInspector(backend, keys, settings.clock());
  }

  /** Returns a new builder with the defaults described on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a client with only this cache's interceptor; the same instance on every call. */
  public OkHttpClient client() {
    OkHttpClient result = client;
    if (result == null) {
      synchronized (this) {
        result = client;
        if (result == null) {
          result = new OkHttpClient.Builder().addInterceptor(interceptor).build();
          client = result;
        }
      }
    }
    return result;
  }

  /**
   * Returns a client that shares {@code existing}'s connection pool, dispatcher and settings, with
   * this cache's interceptor added after its application interceptors.
   */
  public OkHttpClient client(OkHttpClient existing) {
    Objects.requireNonNull(existing, "existing");
    return existing.newBuilder().addInterceptor(interceptor).build();
  }

  /** The caching interceptor, to add to an {@link OkHttpClient.Builder} as an application interceptor. */
  public Interceptor interceptor() {
    return interceptor;
  }

  /**
   * Looks at and manages what is stored. After {@link #close()} the inspector's methods throw
   * {@link IllegalStateException}.
   */
  public CacheInspector inspector() {
    return inspector;
  }

  /** The counters since this cache was built. */
  public CacheStats stats() {
    return stats.snapshot();
  }

  /** The backend responses are stored in. */
  public Backend backend() {
    return backend;
  }

  /** The clock every time decision reads. */
  public Clock clock() {
    return settings.clock();
  }

  /**
   * Stops background refreshes (shutting down the built-in executor, not one passed to {@link
   * Builder#backgroundExecutor(Executor)}), lets the background writer finish its queued writes
   * (at most {@link Builder#WRITE_FLUSH_TIMEOUT}; writes left then are dropped and counted) and
   * closes the backend. Clients made by {@link #client()} and {@link #client(OkHttpClient)} keep
   * working, without the cache: every call after close passes through uncached (counted as
   * bypassed; the first such call logs a WARN). {@link #inspector()}'s methods throw {@link
   * IllegalStateException} from then on. The threads the cache started are stopped, so a
   * program whose last cache is closed can end. Calling it again does nothing more.
   */
  @Override
  public void close() {
    inspector.close();
    interceptor.close();
    refresher.close();
    guarded.close();
    backend.close();
    if (near != null) {
      near.close();
    }
    listeners.close();
    OkHttpClient own = client;
    if (own != null) {
      own.connectionPool().evictAll(); // its idle connections and their closer thread
    }
  }

  @Override
  public String toString() {
    return "CachedClient{backend=" + backend + ", expireAfter="
        + settings.expiration().map(String::valueOf).orElse("not set")
        + ", cacheControl=" + settings.cacheControl() + "}";
  }

  /**
   * Configures a {@link CachedClient}. Each setter validates its argument at once and throws
   * {@link IllegalArgumentException} naming the bad value; {@link #build()} checks combinations.
   * Not thread-safe.
   */
  public static final class Builder {
    /** Default {@link #maxBodyBytes(long)}: 8 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = Backend.DEFAULT_MAX_BODY_BYTES;

    /** Default lease of {@link #coalesceAcrossInstances(boolean)}: 10 seconds. */
    public static final Duration DEFAULT_FLEET_LEASE = Duration.ofSeconds(10);

    /** Default {@code maxAge} of {@link #nearCache(Backend)}: 5 seconds. */
    public static final Duration DEFAULT_NEAR_CACHE_MAX_AGE = Duration.ofSeconds(5);

    /** The shortest {@link #keySecret(String)} accepted: 16 characters. */
    public static final int MIN_KEY_SECRET_LENGTH = 16;

    /** Default {@link #revalidationWindow(Duration)}: one day. */
    public static final Duration DEFAULT_REVALIDATION_WINDOW = Duration.ofDays(1);

    /** Default {@link #backgroundThreads(int)}: 2. */
    public static final int DEFAULT_BACKGROUND_THREADS = 2;

    /** How many background refreshes may wait for a thread of the built-in executor. */
    public static final int BACKGROUND_QUEUE_CAPACITY = 256;

    /** Default {@link #writeQueueCapacity(int)}: 1,024 writes. */
    public static final int DEFAULT_WRITE_QUEUE_CAPACITY = 1_024;

    /**
     * Default {@link #writeQueueBytes(long)}: 32 MiB, well under the heap of a small service
     * (a few 4 MiB bodies, or thousands of small responses).
     */
    public static final long DEFAULT_WRITE_QUEUE_BYTES = 32L << 20;

    /**
     * Default {@link #writeConcurrency(int)}: {@value}. Measured on DynamoDB Local (2 cores):
     * one writer thread makes about 130 writes a second, four keep up with 230 storable misses a
     * second without dropping any.
     */
    public static final int DEFAULT_WRITE_CONCURRENCY = 4;

    /** How long {@link CachedClient#close()} waits for queued background writes: 5 seconds. */
    public static final Duration WRITE_FLUSH_TIMEOUT = GuardedBackend.DEFAULT_FLUSH_TIMEOUT;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private Backend backend;
    private Expiration expiration;
    private final List<Settings.UrlRule> urlRules = new ArrayList<>();
    private boolean cacheControl;
    private Set<Integer> allowableCodes;
    private Set<String> allowableMethods = Set.of("GET", "HEAD");
    private Set<String> ignoredParameters = Set.of();
    private List<String> matchHeaders = List.of();
    private Predicate<Response> filter = response -> true;
    private Function<Request, String> keyFunction;
    private byte[] keySecret;
    private Backend nearCache;
    private Duration nearCacheMaxAge;
    private Duration fleetLease;
    private final List<CacheListener> listeners = new ArrayList<>();
    private Executor listenerExecutor;
    private Clock clock = Clock.systemUTC();
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration revalidationWindow = DEFAULT_REVALIDATION_WINDOW;
    private Duration staleIfError = Duration.ZERO;
    private Duration staleWhileRevalidate = Duration.ZERO;
    private boolean coalescing = true;
    private boolean cacheStatusHeader;
    private Executor backgroundExecutor;
    private Integer backgroundThreads;
    private CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.ofDefaults();
    private WriteMode writeMode = WriteMode.AUTO;
    private Integer writeQueueCapacity;
    private Long writeQueueBytes;
    private Integer writeConcurrency;

    private Builder() {}

    /**
     * The store for responses. Default: the backend of the {@link BackendProvider} on the class
     * path with the lowest {@link BackendProvider#priority()} ({@code MemoryBackend} with its
     * defaults when {@code cachedhttp-backend-memory} is there).
     */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /**
     * One origin request per cold key for every instance sharing the backend (a fleet on one
     * DynamoDB table), with a lease of {@link #DEFAULT_FLEET_LEASE}; see {@link
     * #coalesceAcrossInstances(Duration)}. {@code false} (the default) coalesces only this
     * instance's calls.
     */
    public Builder coalesceAcrossInstances(boolean enabled) {
      this.fleetLease = enabled ? DEFAULT_FLEET_LEASE : null;
      return this;
    }

    /**
     * One origin request per cold key for every instance sharing the backend: before asking the
     * origin for a key with nothing stored, an instance takes a lease on it in the backend (on
     * DynamoDB a conditional {@code PutItem} in a {@code leases} namespace, released with a {@code
     * DeleteItem} once the answer is written); an instance that finds the lease held waits, reading
     * the key, until the answer is stored, the lease is released or expires, or its own call's
     * timeouts run out, then asks the origin itself. A crashed leader costs at most {@code lease};
     * a failing backend or an open breaker skips the lease (each instance then asks the origin).
     * Needs {@link #coalesceRequests(boolean)} (on by default) and a backend with {@link
     * Backend#leases()}: {@link #build()} refuses it without them. Default: off.
     *
     * @throws IllegalArgumentException when {@code lease} is not positive or longer than 5 minutes
     */
    public Builder coalesceAcrossInstances(Duration lease) {
      this.fleetLease = Checks.positive("coalesceAcrossInstances lease", lease,
          Duration.ofMinutes(5));
      return this;
    }

    /**
     * Puts a bounded local backend (typically a {@code MemoryBackend} of tens of MiB) in front of
     * {@link #backend(Backend)}, for {@link #DEFAULT_NEAR_CACHE_MAX_AGE}; see {@link
     * #nearCache(Backend, Duration)}.
     */
    public Builder nearCache(Backend near) {
      return nearCache(near, DEFAULT_NEAR_CACHE_MAX_AGE);
    }

    /**
     * Puts a bounded local backend in front of {@link #backend(Backend)} (a fleet's shared
     * DynamoDB table): a hit there costs what a memory hit costs and no backend request. An entry
     * is used only while fresh by its own stored expiry and at most {@code maxAge} after this
     * instance read it from (or wrote it to) the backend, so another instance's change or
     * invalidation is seen here within {@code maxAge}; this instance's own writes and
     * invalidations update both. {@link CacheInfo#fromNearCache()} and {@code Cache-Status}
     * ({@code detail=near}) say when it answered; {@link #inspector()} and the command-line tool
     * see the backend. {@link CachedClient#close()} closes it. Default: no near cache.
     *
     * @throws IllegalArgumentException when {@code maxAge} is not positive or longer than a day
     */
    public Builder nearCache(Backend near, Duration maxAge) {
      Objects.requireNonNull(near, "nearCache");
      this.nearCacheMaxAge = Checks.positive("nearCache maxAge", maxAge, Duration.ofDays(1));
      this.nearCache = near;
      return this;
    }

    /**
     * How long responses stay fresh after they are stored: {@link Expiration#after(Duration)}.
     * {@link Duration#ZERO} means {@link Expiration#IMMEDIATELY} (stored only with a validator,
     * revalidated before every use), not "do not cache": that is {@link
     * Expiration#DO_NOT_CACHE}.
     *
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    public Builder expireAfter(Duration duration) {
      return expireAfter(Expiration.after(Objects.requireNonNull(duration, "duration")));
    }

    /**
     * The expiration of every response no other setting covers. Default: not set, which means
     * {@link Expiration#NEVER} without {@code cacheControl(true)}, and with it heuristic freshness
     * or, failing that, stored only with a validator and revalidated before each use.
     */
    public Builder expireAfter(Expiration expiration) {
      this.expiration = Objects.requireNonNull(expiration, "expiration");
      return this;
    }

    /**
     * Per-URL expirations: glob patterns matched against the URL without its scheme, first match
     * wins, replacing any set before. {@code *} matches within a path segment, {@code **} across
     * segments, {@code ?} one character; a trailing {@code **} is implied. Pass an ordered map
     * ({@link LinkedHashMap}) so "first" is well defined.
     *
     * @throws IllegalArgumentException when a pattern is malformed, or the map has several entries
     *     and no defined order
     */
    public Builder urlsExpireAfter(Map<String, Expiration> patterns) {
      Objects.requireNonNull(patterns, "patterns");
      if (patterns.size() > 1 && !(patterns instanceof LinkedHashMap)
          && !(patterns instanceof SortedMap)) {
        throw new IllegalArgumentException("urlsExpireAfter needs an ordered map such as "
            + "LinkedHashMap so that 'first match wins' is defined, but got a "
            + patterns.getClass().getName());
      }
      List<Settings.UrlRule> rules = new ArrayList<>();
      patterns.forEach((glob, exp) -> rules.add(new Settings.UrlRule(UrlPattern.compile(glob),
          Objects.requireNonNull(exp, () -> "expiration of pattern '" + glob + "'"))));
      urlRules.clear();
      urlRules.addAll(rules);
      return this;
    }

    /**
     * Whether HTTP caching headers ({@code Cache-Control}, {@code Expires}, {@code Age}, {@code
     * Last-Modified} heuristics) are honoured as a private cache per RFC 9111. Default false:
     * only the expiration settings decide freshness; validation, invalidation after unsafe
     * methods, {@code Vary}, coalescing and the stale settings apply in both modes.
     */
    public Builder cacheControl(boolean cacheControl) {
      this.cacheControl = cacheControl;
      return this;
    }

    /**
     * The status codes that may be stored; an explicit list restricts storage in both modes.
     * Default: not set, which means 200 only without {@code cacheControl(true)}, and with it what
     * RFC 9111 section 3 allows: any final status with explicit freshness or {@code public}, and
     * the heuristically cacheable statuses of RFC 9110 section 15.1.
     *
     * @throws IllegalArgumentException when empty or a code is outside 100 to 599
     */
    public Builder allowableCodes(int... codes) {
      Objects.requireNonNull(codes, "codes");
      if (codes.length == 0) {
        throw new IllegalArgumentException("allowableCodes must name at least one status code");
      }
      Set<Integer> set = new LinkedHashSet<>();
      for (int code : codes) {
        if (code < 100 || code > 599) {
          throw new IllegalArgumentException("allowableCodes: " + code
              + " is not an HTTP status code (100 to 599)");
        }
        set.add(code);
      }
      this.allowableCodes = Set.copyOf(set);
      return this;
    }

    /**
     * The request methods whose responses are read and stored. Default: GET and HEAD.
     *
     * @throws IllegalArgumentException when empty or a method is not an HTTP token
     */
    public Builder allowableMethods(String... methods) {
      Objects.requireNonNull(methods, "methods");
      if (methods.length == 0) {
        throw new IllegalArgumentException("allowableMethods must name at least one method");
      }
      Set<String> set = new LinkedHashSet<>();
      for (String method : methods) {
        if (method == null || !TOKEN.matcher(method).matches()) {
          throw new IllegalArgumentException("allowableMethods: '" + method
              + "' is not an HTTP method");
        }
        set.add(method.toUpperCase(Locale.ROOT));
      }
      this.allowableMethods = Set.copyOf(set);
      return this;
    }

    /**
     * Names left out of cache keys and redacted from everything stored: query parameters, form
     * and JSON body fields (exact names) and request headers (any case). Default: none.
     *
     * @throws IllegalArgumentException when a name is blank
     */
    public Builder ignoredParameters(String... names) {
      Objects.requireNonNull(names, "names");
      Set<String> set = new LinkedHashSet<>();
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("ignoredParameters: '" + name
              + "' is not a parameter name");
        }
        set.add(name);
      }
      this.ignoredParameters = Set.copyOf(set);
      return this;
    }

    /**
     * Request headers whose values are part of the cache key (names compared ignoring case).
     * Default: none. Credentials are always part of the key whatever is set here.
     *
     * @throws IllegalArgumentException when a name is not a valid header name
     */
    public Builder matchHeaders(String... names) {
      Objects.requireNonNull(names, "names");
      List<String> list = new ArrayList<>();
      for (String name : names) {
        if (name == null || !TOKEN.matcher(name).matches()) {
          throw new IllegalArgumentException("matchHeaders: '" + name
              + "' is not a header name");
        }
        if (list.stream().noneMatch(name::equalsIgnoreCase)) {
          list.add(name);
        }
      }
      list.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
      this.matchHeaders = List.copyOf(list);
      return this;
    }

    /** Stores a response only when {@code filter} returns true. Default: always. */
    public Builder filter(Predicate<Response> filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * Replaces the built-in key algorithm: {@code keyFunction} returns the key of a request (at
     * most 512 characters; null or blank bypasses the cache for that request). When the request
     * carries credentials, {@code #} and 16 hex digits of their HMAC under the {@link
     * #keySecret(String)} are appended, so one credential's response is never served to another.
     * Default: the built-in algorithm.
     */
    public Builder keyFunction(Function<Request, String> keyFunction) {
      this.keyFunction = Objects.requireNonNull(keyFunction, "keyFunction");
      return this;
    }

    /**
     * The secret under which credentials enter keys: the values of {@code Authorization}, {@code
     * Proxy-Authorization} and {@code Cookie} are part of a key only as an HMAC-SHA256 under it,
     * so someone who can read the table cannot test guesses of a credential against the stored
     * keys. Give every instance that shares a backend (a fleet on one DynamoDB table) the same
     * secret, kept like any other secret (an environment variable, a secrets manager), so they
     * share credentialed entries too. Default: a random secret drawn once per process, so
     * credentialed entries are not shared across processes (entries without credentials are).
     *
     * @throws IllegalArgumentException when {@code secret} is shorter than {@value
     *     #MIN_KEY_SECRET_LENGTH} characters
     */
    public Builder keySecret(String secret) {
      Objects.requireNonNull(secret, "keySecret");
      if (secret.length() < MIN_KEY_SECRET_LENGTH) {
        throw new IllegalArgumentException("keySecret must have at least "
            + MIN_KEY_SECRET_LENGTH + " characters but has " + secret.length());
      }
      this.keySecret = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Adds a listener that hears every outcome of every call and the events around them (see
     * {@link CacheListener}); several may be added and hear each event in the order added.
     * Listeners run off the caller's thread (see {@link #listenerExecutor(Executor)}): a slow or
     * throwing listener never stalls or fails a call. Default: none.
     */
    public Builder listener(CacheListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Where listeners are called. Default: one daemon thread of the cache's own with a queue of
     * {@value dev.cachedhttp.internal.Listeners#DEFAULT_QUEUE_CAPACITY} events (events that find
     * it full are dropped and logged), stopped by {@link CachedClient#close()}. An executor passed
     * here is never shut down by the cache; {@code Runnable::run} calls listeners on the caller's
     * thread (then a slow listener slows calls).
     */
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = Objects.requireNonNull(executor, "listenerExecutor");
      return this;
    }

    /** The clock every time decision reads. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The largest response body stored; larger ones stream through uncached. The backend's own
     * limit applies too. Default 8 MiB.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = Checks.nonNegative("maxBodyBytes", maxBodyBytes);
      return this;
    }

    /**
     * How long a response with a validator ({@code ETag}, {@code Last-Modified}) is kept after it
     * stops being fresh, so it can be revalidated instead of refetched. Default one day.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder revalidationWindow(Duration window) {
      this.revalidationWindow = Checks.nonNegative("revalidationWindow", window);
      return this;
    }

    /**
     * How long after expiry a stored response may be served when the origin fails (I/O error,
     * timeout or 5xx), marked {@code CacheInfo.Source.STALE_IF_ERROR}. With {@code
     * cacheControl(true)} a {@code stale-if-error} directive replaces it and {@code
     * must-revalidate} or {@code no-cache} forbid it. Default zero (off).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder staleIfError(Duration window) {
      this.staleIfError = Checks.nonNegative("staleIfError", window);
      return this;
    }

    /**
     * How long after expiry a stored response is served at once while a background refresh
     * revalidates it, marked {@code CacheInfo.Source.STALE_WHILE_REVALIDATE}. With {@code
     * cacheControl(true)} a {@code stale-while-revalidate} directive replaces it. Default zero
     * (off).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder staleWhileRevalidate(Duration window) {
      this.staleWhileRevalidate = Checks.nonNegative("staleWhileRevalidate", window);
      return this;
    }

    /**
     * Whether concurrent identical requests that need the origin share one origin request; the
     * others wait (at most the call timeout) and get their own copy of the stored answer.
     * Default true.
     */
    public Builder coalesceRequests(boolean coalescing) {
      this.coalescing = coalescing;
      return this;
    }

    /**
     * Whether every response that passed through the cache gets a {@code Cache-Status} header
     * (RFC 9211) saying what the cache did: {@code cachedhttp; hit; ttl=42}, {@code cachedhttp;
     * fwd=miss; fwd-status=200; stored; ttl=60}, {@code fwd=stale} for revalidations and
     * stale-if-error, {@code collapsed} for coalesced calls, {@code fwd=request} for calls that
     * bypassed the cache. Default false: responses are passed on with the origin's headers only
     * ({@link CacheInfo} tells the same inside the JVM).
     */
    public Builder cacheStatusHeader(boolean cacheStatusHeader) {
      this.cacheStatusHeader = cacheStatusHeader;
      return this;
    }

    /**
     * Runs background refreshes on {@code executor} instead of the built-in one; {@link
     * CachedClient#close()} does not shut it down (its owner does). Default: a built-in pool of
     * {@link #backgroundThreads(int)} daemon threads with a queue of {@value
     * #BACKGROUND_QUEUE_CAPACITY}; refreshes it rejects are counted as failures.
     */
    public Builder backgroundExecutor(Executor executor) {
      this.backgroundExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The number of threads of the built-in background executor. Default {@value
     * #DEFAULT_BACKGROUND_THREADS}.
     *
     * @throws IllegalArgumentException when not between 1 and 64
     */
    public Builder backgroundThreads(int threads) {
      this.backgroundThreads = Checks.between("backgroundThreads", threads, 1, 64);
      return this;
    }

    /**
     * The circuit breaker around the backend: after repeated failed or slow backend calls the
     * cache stops calling the backend for a cool-down (reads are misses, writes are dropped), then
     * probes it. Default {@link CircuitBreakerConfig#ofDefaults()}; {@link
     * CircuitBreakerConfig#disabled()} turns it off.
     */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.circuitBreaker = Objects.requireNonNull(config, "circuitBreaker");
      return this;
    }

    /**
     * Where responses are written to the backend. Default {@link WriteMode#AUTO}: on a background
     * writer for a remote backend (DynamoDB), so a miss returns as soon as the origin's answer is
     * ready, and on the caller's thread for an in-memory one. Use {@link WriteMode#SYNC} when
     * another process must read a response as soon as the call that stored it returns.
     */
    public Builder writeMode(WriteMode mode) {
      this.writeMode = Objects.requireNonNull(mode, "writeMode");
      return this;
    }

    /**
     * How many writes may wait for the background writer; a write that finds the queue full is
     * dropped and counted. Default {@value #DEFAULT_WRITE_QUEUE_CAPACITY}.
     *
     * @throws IllegalArgumentException when not between 1 and 1,000,000
     */
    public Builder writeQueueCapacity(int capacity) {
      this.writeQueueCapacity = Checks.between("writeQueueCapacity", capacity, 1, 1_000_000);
      return this;
    }

    /**
     * How many bytes (bodies, headers and a small overhead per write) the writes waiting for, or
     * being made by, the background writer may hold; a write that would pass it is dropped and
     * counted as a dropped write. Default {@link #DEFAULT_WRITE_QUEUE_BYTES} (32 MiB).
     *
     * @throws IllegalArgumentException when not between 64 KiB and 16 GiB
     */
    public Builder writeQueueBytes(long bytes) {
      this.writeQueueBytes = Checks.between("writeQueueBytes", bytes, 64L << 10, 16L << 30);
      return this;
    }

    /**
     * How many writes the background writer makes at once, each on its own daemon thread (all
     * writes of one key on the same thread, in order). Default {@value
     * #DEFAULT_WRITE_CONCURRENCY}.
     *
     * @throws IllegalArgumentException when not between 1 and 64
     */
    public Builder writeConcurrency(int threads) {
      this.writeConcurrency = Checks.between("writeConcurrency", threads, 1, 64);
      return this;
    }

    /**
     * Builds the cache.
     *
     * @throws IllegalStateException when no backend is set and no {@link BackendProvider} is on
     *     the class path, or when settings contradict each other or one makes another meaningless
     *     (the message names both): {@link #nearCache(Backend)} is the backend itself; {@link
     *     #coalesceAcrossInstances(Duration)} without {@link #coalesceRequests(boolean)} or on a
     *     backend without {@link Backend#leases()}; a header both in {@link
     *     #matchHeaders(String...)} and {@link #ignoredParameters(String...)}; {@link
     *     #backgroundThreads(int)} together with {@link #backgroundExecutor(Executor)}; {@link
     *     #writeQueueCapacity(int)}, {@link #writeQueueBytes(long)} or {@link
     *     #writeConcurrency(int)} with {@link WriteMode#SYNC}; {@link
     *     #listenerExecutor(Executor)} without a {@link #listener(CacheListener)}
     */
    public CachedClient build() {
      Backend chosen = backend != null ? backend : defaultBackend(clock);
      try {
        checkCombinations(chosen);
      } catch (IllegalStateException refused) {
        if (chosen != backend) {
          chosen.close(); // the default backend made here
        }
        throw refused;
      }
      return new CachedClient(settings(), chosen);
    }

    private void checkCombinations(Backend chosen) {
      Checks.refuse(nearCache != null && nearCache == chosen, "nearCache must be another backend "
          + "than backend(...), but both are " + chosen);
      Checks.refuse(fleetLease != null && !coalescing, "coalesceAcrossInstances(" + fleetLease
          + ") needs coalesceRequests(true), but it is false");
      Checks.refuse(fleetLease != null && chosen.leases().isEmpty(), "coalesceAcrossInstances("
          + fleetLease + ") needs a backend that grants leases, but " + chosen + " grants none");
      for (String header : matchHeaders) {
        Checks.refuse(ignoredParameters.stream().anyMatch(header::equalsIgnoreCase),
            "matchHeaders and ignoredParameters both name '" + header
                + "': a header cannot be both part of the key and left out of it");
      }
      Checks.refuse(backgroundThreads != null && backgroundExecutor != null, "backgroundThreads("
          + backgroundThreads + ") sizes the built-in executor, but backgroundExecutor("
          + backgroundExecutor + ") replaces it");
      Checks.refuse(writeMode == WriteMode.SYNC && (writeQueueCapacity != null
          || writeQueueBytes != null || writeConcurrency != null), "writeQueueCapacity, "
          + "writeQueueBytes and writeConcurrency configure the background writer, but "
          + "writeMode(SYNC) writes on the caller's thread (writeQueueCapacity="
          + writeQueueCapacity + ", writeQueueBytes=" + writeQueueBytes + ", writeConcurrency="
          + writeConcurrency + ")");
      Checks.refuse(listenerExecutor != null && listeners.isEmpty(), "listenerExecutor("
          + listenerExecutor + ") is set but no listener(...) was added");
    }

    /** The settings as they stand, with the defaults of what was not set. */
    Settings settings() {
      return new Settings(Optional.ofNullable(expiration), urlRules, cacheControl,
          Optional.ofNullable(allowableCodes), allowableMethods,
          new IgnoredParameters(ignoredParameters), matchHeaders, filter, keyFunction, keySecret,
          nearCache, nearCacheMaxAge, fleetLease, listeners, listenerExecutor, clock,
          maxBodyBytes, revalidationWindow, staleIfError, staleWhileRevalidate, coalescing,
          cacheStatusHeader, backgroundExecutor,
          orDefault(backgroundThreads, DEFAULT_BACKGROUND_THREADS), circuitBreaker, writeMode,
          orDefault(writeQueueCapacity, DEFAULT_WRITE_QUEUE_CAPACITY),
          orDefault(writeQueueBytes, DEFAULT_WRITE_QUEUE_BYTES),
          orDefault(writeConcurrency, DEFAULT_WRITE_CONCURRENCY));
    }

    private static <T> T orDefault(T value, T fallback) {
      return value != null ? value : fallback;
    }

    private static Backend defaultBackend(Clock clock) {
      return DefaultBackends.create(clock);
    }
  }
}
