package dev.cachedhttp.internal;

import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.CircuitState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of {@link CircuitBreakerConfig}: a count-based sliding window while closed, a
 * cool-down read from the injected {@link Clock} while open, and a fixed number of probes while
 * half-open. Until the warm-up is over ({@link CircuitBreakerConfig#warmUpCalls()} successful
 * calls) reads that begin are never judged slow and the breaker opens only when every recorded
 * call failed. Each change of state is logged once (WARN when it
 * opens, INFO when it closes) and reported to the {@link StatsRecorder}. Outcomes of calls that began in an earlier state are
 * ignored. Thread-safe: a call on a healthy backend reads two volatile fields and takes no lock.
 */
final class CircuitBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

  private final CircuitBreakerConfig config;
  private final boolean timesReads;
  private final Clock clock;
  private final StatsRecorder stats;
  private final String backendName;
  private final boolean[] window;

  private volatile CircuitState state;
  /** True while closed with a full window and no failure in it: successes change nothing. */
  private volatile boolean clean;
  private volatile long epoch;
  /** True once {@link CircuitBreakerConfig#warmUpCalls()} calls have succeeded. */
  private volatile boolean warm;
  private final AtomicInteger succeeded = new AtomicInteger();
  private int next;
  private int recorded;
  private int failures;
  private Instant openedAt;
  private int probesStarted;
  private int probesSucceeded;

  /**
   * A permitted call: when it began, in which state epoch, whether it is a probe, and whether
   * it may be judged slow (it began after the warm-up).
   */
  record Permit(Instant start, long epoch, boolean probe, boolean judgedSlow) {}

  CircuitBreaker(CircuitBreakerConfig config, Clock clock, StatsRecorder stats,
      String backendName) {
    this(config, clock, stats, backendName, true);
  }

  /**
   * Creates a breaker; with {@code timesReads} false (or slow calls not counted by the config)
   * only failures count, never slowness: an in-process backend is not sick when a busy machine
   * delays the thread that reads it.
   */
  CircuitBreaker(CircuitBreakerConfig config, Clock clock, StatsRecorder stats,
      String backendName, boolean timesReads) {
    this.timesReads = timesReads && config.countsSlowCalls();
    this.config = config;
    this.clock = clock;
    this.stats = stats;
    this.backendName = backendName;
    this.window = new boolean[config.slidingWindowSize()];
    this.warm = config.warmUpCalls() == 0;
    this.state = config.enabled() ? CircuitState.CLOSED : CircuitState.DISABLED;
    stats.circuitState(state);
  }

  /** The current state. */
  CircuitState state() {
    return state;
  }

  /** Returns a permit for one backend call, or null when the call must be short-circuited. */
  Permit acquire() {
    CircuitState current = state;
    if (current == CircuitState.CLOSED || current == CircuitState.DISABLED) {
      return new Permit(clock.instant(), epoch, false, warm);
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (state == CircuitState.OPEN
          && !now.isBefore(Instants.plusSaturating(openedAt, config.coolDown()))) {
        halfOpen();
      }
      if (state == CircuitState.HALF_OPEN && probesStarted < config.probes()) {
        probesStarted++;
        return new Permit(now, epoch, true, warm);
      }
      if (state == CircuitState.CLOSED) {
        return new Permit(now, epoch, false, warm);
      }
      return null;
    }
  }

  /** Records the end of a permitted call; {@code read} calls also fail by being slow. */
  void completed(Permit permit, boolean threw, boolean read) {
    if (state == CircuitState.DISABLED) {
      return;
    }
    if (!threw && !warm && succeeded.incrementAndGet() >= config.warmUpCalls()) {
      warm = true;
    }
    boolean slow = timesReads && read && !threw && permit.judgedSlow()
        && Duration.between(permit.start(), clock.instant())
        .compareTo(config.slowCallThreshold()) > 0;
    boolean failed = threw || slow;
    if (!failed && clean && !permit.probe()) {
      return;
    }
    synchronized (this) {
      if (permit.epoch() != epoch) {
        return;
      }
      if (permit.probe()) {
        probed(failed, slow);
      } else {
        record(failed, slow);
      }
    }
  }

  private void probed(boolean failed, boolean slow) {
    if (failed) {
      open("a probe call " + (slow ? "was slower than " + config.slowCallThreshold()
          : "failed"));
    } else if (++probesSucceeded >= config.probes()) {
      close();
    }
  }

  private void record(boolean failed, boolean slow) {
    if (recorded == window.length && window[next]) {
      failures--;
    }
    window[next] = failed;
    next = (next + 1) % window.length;
    recorded = Math.min(recorded + 1, window.length);
    if (failed) {
      failures++;
    }
    clean = failures == 0 && recorded == window.length;
    int percent = warm ? config.failureRatePercent() : 100;
    if (recorded >= config.minimumCalls() && failures * 100L >= (long) percent * recorded) {
      open(failures + " of the last " + recorded + " backend calls failed or were slower than "
          + config.slowCallThreshold() + (slow ? " (the last one was slow)" : ""));
    }
  }

  private void open(String reason) {
    state = CircuitState.OPEN;
    clean = false;
    epoch++;
    openedAt = clock.instant();
    stats.circuitOpened();
    stats.circuitState(state);
    LOG.warn("cache circuit breaker OPEN for {}: {}; reads are misses and writes are dropped "
        + "for {}, then {} probe call(s) decide whether it closes", backendName, reason,
        config.coolDown(), config.probes());
  }

  private void halfOpen() {
    state = CircuitState.HALF_OPEN;
    epoch++;
    probesStarted = 0;
    probesSucceeded = 0;
    stats.circuitState(state);
    LOG.debug("cache circuit breaker HALF_OPEN for {}", backendName);
  }

  private void close() {
    state = CircuitState.CLOSED;
    epoch++;
    recorded = 0;
    next = 0;
    failures = 0;
    clean = false;
    stats.circuitState(state);
    LOG.info("cache circuit breaker CLOSED for {}: {} probe call(s) succeeded; the cache uses "
        + "its backend again", backendName, config.probes());
  }
}
