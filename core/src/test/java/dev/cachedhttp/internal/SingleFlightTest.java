package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The one single-flight: who leads, what followers get, and when a key is free again. */
class SingleFlightTest {
  private final SingleFlight<String, String> flights = new SingleFlight<>();

  @Test
  void theFirstJoinerLeadsAndLaterJoinersFollowWithTheLeadersContext() {
    SingleFlight.Flight<String, String> leader = flights.join("k", "first");
    SingleFlight.Flight<String, String> follower = flights.join("k", "second");

    assertThat(leader.leads()).isTrue();
    assertThat(follower.leads()).isFalse();
    assertThat(follower.context()).isEqualTo("first");
    assertThat(flights.join("other", "third").leads()).isTrue();
  }

  @Test
  void followersGetTheLeadersValueAndTheKeyIsFreeAfterwards() throws Exception {
    SingleFlight.Flight<String, String> leader = flights.join("k", "a");
    SingleFlight.Flight<String, String> follower = flights.join("k", "b");
    CompletableFuture<String> future = follower.future();

    leader.complete("value");

    assertThat(follower.await()).isEqualTo("value");
    assertThat(follower.await(1)).isEqualTo("value");
    assertThat(future).isCompletedWithValue("value");
    assertThat(flights.join("k", "c").leads()).isTrue();
  }

  @Test
  void followersGetTheVeryFailureOfTheLeader() {
    SingleFlight.Flight<String, String> leader = flights.join("k", "a");
    SingleFlight.Flight<String, String> follower = flights.join("k", "b");
    IllegalStateException boom = new IllegalStateException("boom");

    leader.fail(boom);

    assertThatThrownBy(follower::await).isSameAs(boom);
    assertThatThrownBy(() -> follower.await(1)).isInstanceOf(ExecutionException.class)
        .hasCause(boom);
    assertThat(flights.join("k", "c").leads()).isTrue();
  }

  @Test
  void aFollowerCannotEndTheFlightNorCanItsFuture() {
    SingleFlight.Flight<String, String> leader = flights.join("k", "a");
    SingleFlight.Flight<String, String> follower = flights.join("k", "b");

    follower.complete("not mine");
    follower.fail(new IllegalStateException());
    follower.future().cancel(true);

    assertThat(leader.isDone()).isFalse();
    assertThat(flights.join("k", "c").leads()).isFalse();
    leader.complete("mine");
    assertThat(follower.await()).isEqualTo("mine");
  }

  @Test
  void aBoundedWaitEndsWhenTheLeaderIsLate() {
    flights.join("k", "a");
    SingleFlight.Flight<String, String> follower = flights.join("k", "b");

    assertThatThrownBy(() -> follower.await(TimeUnit.MILLISECONDS.toNanos(1)))
        .isInstanceOf(TimeoutException.class);
  }

  @Test
  void aRefusedFlightIsReplacedAndItsLeaderReachesOnlyItsOwnFollowers() {
    SingleFlight.Flight<String, String> old = flights.join("k", "stale");
    SingleFlight.Flight<String, String> oldFollower = flights.join("k", "x");
    SingleFlight.Flight<String, String> fresh = flights.join("k", "fresh",
        context -> !context.equals("stale"));
    SingleFlight.Flight<String, String> freshFollower = flights.join("k", "y");

    assertThat(fresh.leads()).isTrue();
    assertThat(freshFollower.context()).isEqualTo("fresh");
    old.complete("old");
    assertThat(oldFollower.await()).isEqualTo("old");
    assertThat(freshFollower.isDone()).isFalse();
    assertThat(flights.join("k", "z").leads()).isFalse();
    fresh.complete("new");
    assertThat(freshFollower.await()).isEqualTo("new");
  }
}
