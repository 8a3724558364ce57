package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** A follower that gives up on its leader: it goes alone, or times out with its call. */
class CoalescerTest {
  private final Coalescer coalescer = new Coalescer(new Invalidations(Clock.systemUTC()));
  private final Request request = new Request.Builder().url("https://example.com/a").build();

  @Test
  void aFlightAFollowerGaveUpOnIsNotJoinedAgain() throws Exception {
    Coalescer.Flight leader = coalescer.join("k", "g", coalescer.ticket(), 0);
    Coalescer.Flight follower = coalescer.join("k", "g", coalescer.ticket(), 0);
    assertThat(leader.leads()).isTrue();
    assertThat(follower.leads()).isFalse();

    assertThat(follower.await(call(Duration.ZERO), TimeUnit.MILLISECONDS.toNanos(1))).isEmpty();

    Coalescer.Flight next = coalescer.join("k", "g", coalescer.ticket(), 0);
    assertThat(next.leads()).as("a new flight, not the stalled one").isTrue();
    leader.complete(null);
    next.complete(null);
  }

  @Test
  void aFollowerWhoseWaitIsItsCallTimeoutTimesOutInsteadOfGoingAlone() {
    Coalescer.Flight leader = coalescer.join("k", "g", coalescer.ticket(), 0);
    Coalescer.Flight follower = coalescer.join("k", "g", coalescer.ticket(), 0);
    Call call = call(Duration.ofMillis(1));

    assertThatThrownBy(() -> follower.await(call, call.timeout().timeoutNanos()))
        .isInstanceOf(InterruptedIOException.class);
    leader.complete(null);
  }

  private Call call(Duration callTimeout) {
    return new OkHttpClient.Builder().callTimeout(callTimeout).build().newCall(request);
  }
}
