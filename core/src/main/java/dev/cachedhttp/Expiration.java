package dev.cachedhttp;

import dev.cachedhttp.internal.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a stored response stays fresh: a duration after it is stored, a fixed instant, never,
 * immediately (store, but revalidate before every use), or not at all (do not cache).
 *
 * <p>Immutable and thread-safe. Used by {@link CachedClient.Builder#expireAfter(Expiration)},
 * {@link CachedClient.Builder#urlsExpireAfter} and {@link CacheOptions.Builder#expireAfter}.
 */
public final class Expiration {
  /** Stored responses never expire. The default when nothing is set. */
  public static final Expiration NEVER = new Expiration(Kind.NEVER, null, null);

  /**
   * Responses are stored only when they carry a validator ({@code ETag} or {@code
   * Last-Modified}) and are revalidated with the origin before every use.
   */
  public static final Expiration IMMEDIATELY = new Expiration(Kind.IMMEDIATELY, null, null);

  /** Responses are neither read from nor written to the cache. */
  public static final Expiration DO_NOT_CACHE = new Expiration(Kind.DO_NOT_CACHE, null, null);

  /** The kinds of expiration. */
  public enum Kind {
    /** Fresh for a fixed duration after being stored. */
    AFTER,
    /** Fresh until a fixed instant. */
    AT,
    /** Always fresh. */
    NEVER,
    /** Stale at once; revalidated before every use. */
    IMMEDIATELY,
    /** Not cached. */
    DO_NOT_CACHE
  }

  private final Kind kind;
  private final Duration duration;
  private final Instant instant;

  private Expiration(Kind kind, Duration duration, Instant instant) {
    this.kind = kind;
    this.duration = duration;
    this.instant = instant;
  }

  /**
   * Fresh for {@code duration} after the response is stored. A zero duration is the same as
   * {@link #IMMEDIATELY} (as requests-cache's {@code expire_after=0}): the response is stored
   * only when it has a validator and is revalidated before every use. To keep responses out of
   * the cache use {@link #DO_NOT_CACHE}.
   *
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public static Expiration after(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("expiration duration must not be negative but was "
          + duration);
    }
    return duration.isZero() ? IMMEDIATELY : new Expiration(Kind.AFTER, duration, null);
  }

  /** Fresh until {@code instant}; a response stored after it is stale at once. */
  public static Expiration at(Instant instant) {
    return new Expiration(Kind.AT, null, Objects.requireNonNull(instant, "instant"));
  }

  /** The kind of this expiration. */
  public Kind kind() {
    return kind;
  }

  /** The duration of an {@link Kind#AFTER} expiration. */
  public Optional<Duration> duration() {
    return Optional.ofNullable(duration);
  }

  /** The instant of an {@link Kind#AT} expiration. */
  public Optional<Instant> instant() {
    return Optional.ofNullable(instant);
  }

  /** Returns true unless this is {@link #DO_NOT_CACHE}. */
  public boolean isCacheable() {
    return kind != Kind.DO_NOT_CACHE;
  }

  /**
   * Returns when a response stored at {@code storedAt} stops being fresh: empty for {@link
   * #NEVER} (and {@link #DO_NOT_CACHE}), {@code storedAt} itself for {@link #IMMEDIATELY}.
   */
  public Optional<Instant> expiresAt(Instant storedAt) {
    return switch (kind) {
      case AFTER -> Optional.of(Instants.plusSaturating(storedAt, duration));
      case AT -> Optional.of(instant);
      case IMMEDIATELY -> Optional.of(storedAt);
      case NEVER, DO_NOT_CACHE -> Optional.empty();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expiration other
        && kind == other.kind
        && Objects.equals(duration, other.duration)
        && Objects.equals(instant, other.instant);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, duration, instant);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case AFTER -> "Expiration.after(" + duration + ")";
      case AT -> "Expiration.at(" + instant + ")";
      default -> "Expiration." + kind;
    };
  }
}
