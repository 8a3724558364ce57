package dev.cachedhttp;

import java.util.Objects;
import java.util.Optional;
import okhttp3.Request;

/**
 * Per-request cache options, attached to a request as its tag:
 *
 * <pre>{@code
 * Request request = new Request.Builder().url(url)
 *     .tag(CacheOptions.class, CacheOptions.builder().refresh().build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #DEFAULT} changes nothing.
 */
public final class CacheOptions {
  /** Options that change nothing: the client's settings apply. */
  public static final CacheOptions DEFAULT = new Builder().build();

  private final Expiration expiration;
  private final boolean refresh;
  private final boolean forceRefresh;
  private final boolean onlyIfCached;
  private final boolean skip;

  private CacheOptions(Builder b) {
    this.expiration = b.expiration;
    this.refresh = b.refresh;
    this.forceRefresh = b.forceRefresh;
    this.onlyIfCached = b.onlyIfCached;
    this.skip = b.skip;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the options tagged on {@code request}, or {@link #DEFAULT}. */
  public static CacheOptions of(Request request) {
    CacheOptions options = request.tag(CacheOptions.class);
    return options == null ? DEFAULT : options;
  }

  /** The expiration for this request, overriding the client's settings. */
  public Optional<Expiration> expiration() {
    return Optional.ofNullable(expiration);
  }

  /** Revalidate a stored response before using it (refetch when it has no validator). */
  public boolean refresh() {
    return refresh;
  }

  /** Skip the read, fetch from the network and overwrite what is stored. */
  public boolean forceRefresh() {
    return forceRefresh;
  }

  /** Never use the network: a stored fresh response or a synthetic 504. */
  public boolean onlyIfCached() {
    return onlyIfCached;
  }

  /** Bypass the cache entirely for this call: no read, no write. */
  public boolean skip() {
    return skip;
  }

  @Override
  public String toString() {
    return "CacheOptions{expiration=" + expiration + ", refresh=" + refresh + ", forceRefresh="
        + forceRefresh + ", onlyIfCached=" + onlyIfCached + ", skip=" + skip + "}";
  }

  /** Builds {@link CacheOptions}; not thread-safe. */
  public static final class Builder {
    private Expiration expiration;
    private boolean refresh;
    private boolean forceRefresh;
    private boolean onlyIfCached;
    private boolean skip;

    private Builder() {}

    /** Uses {@code expiration} for this request's read and write. */
    public Builder expireAfter(Expiration expiration) {
      this.expiration = Objects.requireNonNull(expiration, "expiration");
      return this;
    }

    /** Uses {@link Expiration#after(java.time.Duration)} for this request. */
    public Builder expireAfter(java.time.Duration duration) {
      return expireAfter(Expiration.after(duration));
    }

    /** Revalidates a stored response before using it; refetches when it has no validator. */
    public Builder refresh() {
      this.refresh = true;
      return this;
    }

    /** Ignores what is stored, fetches from the network and overwrites the entry. */
    public Builder forceRefresh() {
      this.forceRefresh = true;
      return this;
    }

    /** Serves only from the cache; a synthetic 504 when nothing usable is stored. */
    public Builder onlyIfCached() {
      this.onlyIfCached = true;
      return this;
    }

    /** Bypasses the cache for this call. */
    public Builder skip() {
      this.skip = true;
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalStateException when {@code onlyIfCached} is combined with {@code
     *     forceRefresh} or {@code skip}, which contradict it
     */
    public CacheOptions build() {
      if (onlyIfCached && (forceRefresh || skip)) {
        throw new IllegalStateException("onlyIfCached cannot be combined with "
            + (forceRefresh ? "forceRefresh" : "skip"));
      }
      return new CacheOptions(this);
    }
  }
}
