package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WarningLimiterTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  @Test
  void aWarningIsDueOncePerIntervalPerOperation() {
    WarningLimiter limiter = new WarningLimiter(clock);

    assertThat(limiter.due("read")).isTrue();
    assertThat(limiter.due("read")).isFalse();
    assertThat(limiter.due("write")).isTrue();
    now.set(Instant.EPOCH.plus(WarningLimiter.INTERVAL).minusMillis(1));
    assertThat(limiter.due("read")).isFalse();
    now.set(Instant.EPOCH.plus(WarningLimiter.INTERVAL));
    assertThat(limiter.due("read")).isTrue();
    now.set(now.get().plus(Duration.ofSeconds(1)));
    assertThat(limiter.due("read")).isFalse();
  }
}
