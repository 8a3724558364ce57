package dev.cachedhttp;

import dev.cachedhttp.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How a cache's circuit breaker decides to stop calling a sick backend. Immutable and
 * thread-safe; make one with {@link #ofDefaults()}, {@link #disabled()} or {@link #custom()}.
 *
 * <p>While <b>closed</b> the breaker records the outcome of the last {@link #slidingWindowSize()}
 * backend calls; a call fails when the backend throws (a timeout included: every backend bounds
 * its calls in time, e.g. DynamoDB's 100 ms per read attempt). With {@link #countsSlowCalls()}
 * (off by default, as in resilience4j) a read is also counted as failed when it takes longer than
 * {@link #slowCallThreshold()} (a write only when it throws: writes are off the caller's time in
 * {@link WriteMode#ASYNC}); slowness measured by the cache includes the time the caller's thread
 * waits for a processor, so on a busy machine a healthy backend looks slow. Slowness is judged
 * only once the backend is warm:
 * a read that begins before {@link #warmUpCalls()} backend calls have succeeded is never counted
 * as slow, and until then the breaker opens only when every recorded call failed, since the
 * first calls of a new instance (class loading, the SDK's first requests, new connections, a cold
 * JIT) are slow on a healthy backend and some of them time out; a backend that is down or hangs
 * fails every call and opens the breaker as soon as {@link #minimumCalls()} are recorded.
 * Once at least {@link #minimumCalls()} calls are
 * recorded and at least {@link #failureRatePercent()} percent of them failed, the breaker
 * <b>opens</b>: for {@link #coolDown()} the backend is not called at all (reads are misses, writes
 * are dropped, both counted). Then it is <b>half-open</b>: the next {@link #probes()} calls go to
 * the backend; if all succeed it closes, if one fails it opens for another cool-down. Time is read
 * from the cache's {@code Clock}.
 */
public final class CircuitBreakerConfig {
  /** Default {@link Builder#failureRatePercent(int)}: {@value}. */
  public static final int DEFAULT_FAILURE_RATE_PERCENT = 50;

  /** Default {@link Builder#minimumCalls(int)}: {@value}. */
  public static final int DEFAULT_MINIMUM_CALLS = 10;

  /** Default {@link Builder#slidingWindowSize(int)}: {@value}. */
  public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;

  /** Default {@link Builder#slowCallThreshold(Duration)}: 100 ms. */
  public static final Duration DEFAULT_SLOW_CALL_THRESHOLD = Duration.ofMillis(100);

  /**
   * Default {@link Builder#warmUpCalls(int)}: {@value}. Measured on 2 cores (the fleet bench): a
   * new JVM with 16 concurrent callers on a healthy DynamoDB Local still saw reads time out (250
   * ms) in bursts after its first 100 successful calls, enough to open the breaker; a backend
   * that is down or hangs fails every call and opens it during the warm-up all the same.
   */
  public static final int DEFAULT_WARM_UP_CALLS = 1_000;

  /** The largest {@link Builder#warmUpCalls(int)}. */
  public static final int MAX_WARM_UP_CALLS = 1_000_000;

  /** Default {@link Builder#coolDown(Duration)}: 10 seconds. */
  public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(10);

  /**
   * Default {@link Builder#probes(int)}: {@value}. A probe is a user's call that pays up to the
   * backend's read budget while the backend may still be sick; one success is enough evidence
   * for a cache, since closing too early costs at most {@link #DEFAULT_MINIMUM_CALLS} bounded
   * calls before the breaker opens again.
   */
  public static final int DEFAULT_PROBES = 1;

  /** The largest {@link Builder#slidingWindowSize(int)} accepted: {@value}. */
  public static final int MAX_SLIDING_WINDOW_SIZE = 1_000;

  private static final CircuitBreakerConfig DEFAULTS = custom().build();
  private static final CircuitBreakerConfig DISABLED = new CircuitBreakerConfig(custom(), false);

  private final boolean enabled;
  private final int failureRatePercent;
  private final int minimumCalls;
  private final int slidingWindowSize;
  private final boolean countsSlowCalls;
  private final Duration slowCallThreshold;
  private final int warmUpCalls;
  private final Duration coolDown;
  private final int probes;

  private CircuitBreakerConfig(Builder b, boolean enabled) {
    this.enabled = enabled;
    this.failureRatePercent = b.failureRatePercent;
    this.minimumCalls = b.minimumCalls;
    this.slidingWindowSize = b.slidingWindowSize;
    this.countsSlowCalls = b.countSlowCalls;
    this.slowCallThreshold = b.slowCallThreshold;
    this.warmUpCalls = b.warmUpCalls;
    this.coolDown = b.coolDown;
    this.probes = b.probes;
  }

  /** The defaults named by the {@code DEFAULT_} constants; the builder's default. */
  public static CircuitBreakerConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A breaker that never opens: every call goes to the backend, as before breakers existed. */
  public static CircuitBreakerConfig disabled() {
    return DISABLED;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** False only for {@link #disabled()}. */
  public boolean enabled() {
    return enabled;
  }

  /** The share of failed calls in the window, in percent, at which the breaker opens. */
  public int failureRatePercent() {
    return failureRatePercent;
  }

  /** How many calls the window must hold before the breaker may open. */
  public int minimumCalls() {
    return minimumCalls;
  }

  /** How many of the latest calls the breaker looks at. */
  public int slidingWindowSize() {
    return slidingWindowSize;
  }

  /** Whether slow successful reads count as failed; false by default. */
  public boolean countsSlowCalls() {
    return countsSlowCalls;
  }

  /** A successful read that takes longer than this counts as failed (when slow calls count). */
  public Duration slowCallThreshold() {
    return slowCallThreshold;
  }

  /**
   * How many backend calls must have succeeded before a slow read counts as failed and the
   * failure rate applies (until then the breaker opens only when every recorded call failed).
   */
  public int warmUpCalls() {
    return warmUpCalls;
  }

  /** How long the breaker stays open before probing. */
  public Duration coolDown() {
    return coolDown;
  }

  /** How many probe calls must succeed in a row to close the breaker. */
  public int probes() {
    return probes;
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "CircuitBreakerConfig{disabled}";
    }
    return "CircuitBreakerConfig{failureRatePercent=" + failureRatePercent + ", minimumCalls="
        + minimumCalls + ", slidingWindowSize=" + slidingWindowSize + ", slowCallThreshold="
        + slowCallThreshold + (countsSlowCalls ? "" : " (not counted)") + ", warmUpCalls="
        + warmUpCalls + ", coolDown=" + coolDown + ", probes=" + probes + "}";
  }

  /**
   * Configures a {@link CircuitBreakerConfig}; each setter validates at once and throws {@link
   * IllegalArgumentException} naming the bad value. Not thread-safe.
   */
  public static final class Builder {
    private int failureRatePercent = DEFAULT_FAILURE_RATE_PERCENT;
    private int minimumCalls = DEFAULT_MINIMUM_CALLS;
    private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
    private boolean countSlowCalls;
    private Duration slowCallThreshold = DEFAULT_SLOW_CALL_THRESHOLD;
    private int warmUpCalls = DEFAULT_WARM_UP_CALLS;
    private Duration coolDown = DEFAULT_COOL_DOWN;
    private int probes = DEFAULT_PROBES;

    private Builder() {}

    /**
     * The failure rate, in percent of the window, at which the breaker opens; 1 to 100. Default
     * {@value CircuitBreakerConfig#DEFAULT_FAILURE_RATE_PERCENT}.
     */
    public Builder failureRatePercent(int percent) {
      this.failureRatePercent = Checks.between("failureRatePercent", percent, 1, 100);
      return this;
    }

    /**
     * How many calls the window must hold before the rate is judged; 1 to the window size.
     * Default {@value CircuitBreakerConfig#DEFAULT_MINIMUM_CALLS}.
     */
    public Builder minimumCalls(int calls) {
      this.minimumCalls = Checks.between("minimumCalls", calls, 1, MAX_SLIDING_WINDOW_SIZE);
      return this;
    }

    /**
     * How many of the latest calls are judged; 1 to {@value
     * CircuitBreakerConfig#MAX_SLIDING_WINDOW_SIZE}. Default {@value
     * CircuitBreakerConfig#DEFAULT_SLIDING_WINDOW_SIZE}.
     */
    public Builder slidingWindowSize(int calls) {
      this.slidingWindowSize = Checks.between("slidingWindowSize", calls, 1, MAX_SLIDING_WINDOW_SIZE);
      return this;
    }

    /**
     * Whether a successful read slower than {@link #slowCallThreshold(Duration)} counts as
     * failed. Default false: only calls that throw count, timeouts included, so a busy machine
     * (the caller's thread waiting for a processor) never opens the breaker over a healthy
     * backend; a backend slower than its own per-attempt timeout fails anyway.
     */
    public Builder countSlowCalls(boolean count) {
      this.countSlowCalls = count;
      return this;
    }

    /**
     * With {@link #countSlowCalls(boolean)}, a successful read slower than this counts as failed,
     * for remote backends ({@code
     * Backend.remote()}); an in-process backend's reads count only when they throw, since a busy
     * machine, not the backend, is what delays them. Positive, at most one minute. Default 100 ms.
     */
    public Builder slowCallThreshold(Duration threshold) {
      this.slowCallThreshold = Checks.positive("slowCallThreshold", threshold, Duration.ofMinutes(1));
      return this;
    }

    /**
     * How many backend calls must have succeeded (since the cache was built) before a slow read
     * counts as failed and {@link #failureRatePercent(int)} applies; until then reads are judged
     * only by whether they throw, and the breaker opens only when every recorded call failed. 0
     * ends the warm-up before the first call. Default {@value #DEFAULT_WARM_UP_CALLS}.
     *
     * @throws IllegalArgumentException when not between 0 and {@value #MAX_WARM_UP_CALLS}
     */
    public Builder warmUpCalls(int calls) {
      this.warmUpCalls = Checks.between("warmUpCalls", calls, 0, MAX_WARM_UP_CALLS);
      return this;
    }

    /** How long the breaker stays open; positive, at most one day. Default 10 seconds. */
    public Builder coolDown(Duration coolDown) {
      this.coolDown = Checks.positive("coolDown", coolDown, Duration.ofDays(1));
      return this;
    }

    /**
     * How many probe calls must succeed to close the breaker; 1 to 100. Default {@value
     * CircuitBreakerConfig#DEFAULT_PROBES}.
     */
    public Builder probes(int probes) {
      this.probes = Checks.between("probes", probes, 1, 100);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException when {@code minimumCalls} exceeds {@code
     *     slidingWindowSize}
     */
    public CircuitBreakerConfig build() {
      if (minimumCalls > slidingWindowSize) {
        throw new IllegalArgumentException("minimumCalls (" + minimumCalls
            + ") must not exceed slidingWindowSize (" + slidingWindowSize + ")");
      }
      return new CircuitBreakerConfig(this, true);
    }
  }
}
