package dev.cachedhttp.internal;

import dev.cachedhttp.Expiration;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The validated, immutable configuration of one cache, as built by {@code CachedClient.Builder}
 * through {@link #builder()}, setting each value by name. Values are validated by the public
 * builder; this class only copies them. Thread-safe.
 */
public final class Settings {
  private final Expiration expiration;
  private final boolean expirationSet;
  private final List<UrlRule> urlRules;
  private final boolean cacheControl;
  private final Set<Integer> allowableCodes;
  private final Set<String> allowableMethods;
  private final IgnoredParameters ignored;
  private final List<String> matchHeaders;
  private final Predicate<Response> filter;
  private final Function<Request, String> keyFunction;
  private final Clock clock;
  private final long maxBodyBytes;
  private final Duration revalidationWindow;
  private final Duration staleIfError;
  private final Duration staleWhileRevalidate;
  private final boolean coalescing;
  private final boolean cacheStatusHeader;

  private Settings(Builder b) {
    this.expiration = b.expiration;
    this.expirationSet = b.expirationSet;
    this.urlRules = List.copyOf(b.urlRules);
    this.cacheControl = b.cacheControl;
    this.allowableCodes = b.allowableCodes == null ? null : Set.copyOf(b.allowableCodes);
    this.allowableMethods = Set.copyOf(b.allowableMethods);
    this.ignored = b.ignored;
    this.matchHeaders = List.copyOf(b.matchHeaders);
    this.filter = b.filter;
    this.keyFunction = b.keyFunction;
    this.clock = b.clock;
    this.maxBodyBytes = b.maxBodyBytes;
    this.revalidationWindow = b.revalidationWindow;
    this.staleIfError = b.staleIfError;
    this.staleWhileRevalidate = b.staleWhileRevalidate;
    this.coalescing = b.coalescing;
    this.cacheStatusHeader = b.cacheStatusHeader;
  }

  /** Returns a builder with the library's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The global expiration ({@link Expiration#NEVER} when not set). */
  public Expiration expiration() {
    return expiration;
  }

  /** Whether the user set the global expiration. */
  public boolean expirationSet() {
    return expirationSet;
  }

  /** Per-URL expirations, first match wins. */
  public List<UrlRule> urlRules() {
    return urlRules;
  }

  /** Whether HTTP caching headers are honoured. */
  public boolean cacheControl() {
    return cacheControl;
  }

  /**
   * The status codes the user allowed to be stored, or empty when the user named none: then
   * {@link #DEFAULT_ALLOWABLE_CODES} without {@code cacheControl(true)}, and RFC 9111's rules
   * with it.
   */
  public Optional<Set<Integer>> allowableCodes() {
    return Optional.ofNullable(allowableCodes);
  }

  /** Upper-case methods that may be read and stored. */
  public Set<String> allowableMethods() {
    return allowableMethods;
  }

  /** Parameters left out of keys and redacted. */
  public IgnoredParameters ignored() {
    return ignored;
  }

  /** Request headers whose values are part of the key. */
  public List<String> matchHeaders() {
    return matchHeaders;
  }

  /** Stores a response only when it returns true. */
  public Predicate<Response> filter() {
    return filter;
  }

  /** A custom key function, or null. */
  public Function<Request, String> keyFunction() {
    return keyFunction;
  }

  /** The clock of every time decision. */
  public Clock clock() {
    return clock;
  }

  /** The largest body stored. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** How long a stale entry with a validator is kept for revalidation. */
  public Duration revalidationWindow() {
    return revalidationWindow;
  }

  /** How long after expiry a stale entry may be served when the origin fails. */
  public Duration staleIfError() {
    return staleIfError;
  }

  /** How long after expiry a stale entry may be served while it is refreshed. */
  public Duration staleWhileRevalidate() {
    return staleWhileRevalidate;
  }

  /** Whether concurrent identical misses share one origin request. */
  public boolean coalescing() {
    return coalescing;
  }

  /** Whether responses get a {@code Cache-Status} header. */
  public boolean cacheStatusHeader() {
    return cacheStatusHeader;
  }

  /** The status codes stored without {@code cacheControl(true)} when the user named none. */
  public static final Set<Integer> DEFAULT_ALLOWABLE_CODES = Set.of(200);

  /**
   * A per-URL expiration.
   *
   * @param pattern the URL glob
   * @param expiration the expiration of URLs it matches
   */
  public record UrlRule(UrlPattern pattern, Expiration expiration) {}

  /** Sets each value by name; not thread-safe. */
  public static final class Builder {
    private Expiration expiration = Expiration.NEVER;
    private boolean expirationSet;
    private List<UrlRule> urlRules = List.of();
    private boolean cacheControl;
    private Set<Integer> allowableCodes;
    private Set<String> allowableMethods = Set.of("GET", "HEAD");
    private IgnoredParameters ignored = IgnoredParameters.NONE;
    private List<String> matchHeaders = List.of();
    private Predicate<Response> filter = response -> true;
    private Function<Request, String> keyFunction;
    private Clock clock = Clock.systemUTC();
    private long maxBodyBytes = 8L << 20;
    private Duration revalidationWindow = Duration.ofDays(1);
    private Duration staleIfError = Duration.ZERO;
    private Duration staleWhileRevalidate = Duration.ZERO;
    private boolean coalescing = true;
    private boolean cacheStatusHeader;

    private Builder() {}

    /** Sets the global expiration and marks it as set. */
    public Builder expiration(Expiration expiration) {
      this.expiration = Objects.requireNonNull(expiration, "expiration");
      this.expirationSet = true;
      return this;
    }

    /** Sets the per-URL rules. */
    public Builder urlRules(List<UrlRule> urlRules) {
      this.urlRules = urlRules;
      return this;
    }

    /** Sets whether HTTP caching headers are honoured. */
    public Builder cacheControl(boolean cacheControl) {
      this.cacheControl = cacheControl;
      return this;
    }

    /** Sets the status codes the user allowed; null for none named. */
    public Builder allowableCodes(Set<Integer> allowableCodes) {
      this.allowableCodes = allowableCodes;
      return this;
    }

    /** Sets the upper-case methods that may be read and stored. */
    public Builder allowableMethods(Set<String> allowableMethods) {
      this.allowableMethods = allowableMethods;
      return this;
    }

    /** Sets the ignored parameters. */
    public Builder ignored(IgnoredParameters ignored) {
      this.ignored = ignored;
      return this;
    }

    /** Sets the matched request headers. */
    public Builder matchHeaders(List<String> matchHeaders) {
      this.matchHeaders = matchHeaders;
      return this;
    }

    /** Sets the storage filter. */
    public Builder filter(Predicate<Response> filter) {
      this.filter = filter;
      return this;
    }

    /** Sets a custom key function; null for the built-in one. */
    public Builder keyFunction(Function<Request, String> keyFunction) {
      this.keyFunction = keyFunction;
      return this;
    }

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Sets the largest body stored. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Sets the revalidation window. */
    public Builder revalidationWindow(Duration revalidationWindow) {
      this.revalidationWindow = revalidationWindow;
      return this;
    }

    /** Sets the stale-if-error window. */
    public Builder staleIfError(Duration staleIfError) {
      this.staleIfError = staleIfError;
      return this;
    }

    /** Sets the stale-while-revalidate window. */
    public Builder staleWhileRevalidate(Duration staleWhileRevalidate) {
      this.staleWhileRevalidate = staleWhileRevalidate;
      return this;
    }

    /** Sets whether identical misses are coalesced. */
    public Builder coalescing(boolean coalescing) {
      this.coalescing = coalescing;
      return this;
    }

    /** Sets whether responses get a {@code Cache-Status} header. */
    public Builder cacheStatusHeader(boolean cacheStatusHeader) {
      this.cacheStatusHeader = cacheStatusHeader;
      return this;
    }

    /** Builds the settings. */
    public Settings build() {
      return new Settings(this);
    }
  }
}
