package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The breaker's state machine, one script of calls per row. Window and minimum calls 4, opening
 * at 50 %, slow above 100 ms, cool-down 10 s, 2 probes. Events: {@code ok} a fast successful read,
 * {@code fail} a call that threw, {@code slow} a read that took 150 ms, {@code slowwrite} a write
 * that took 150 ms, {@code -} a call that must be short-circuited, {@code wait9}/{@code wait10}
 * the clock moving on, {@code hold} a call that begins and stays in flight, {@code release-ok} /
 * {@code release-fail} the oldest held call ending.
 */
class CircuitBreakerTest {
  private static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.custom()
      .slidingWindowSize(4).minimumCalls(4).failureRatePercent(50)
      .slowCallThreshold(Duration.ofMillis(100)).countSlowCalls(true).warmUpCalls(0)
      .coolDown(Duration.ofSeconds(10)).probes(2)
      .build();

  @ParameterizedTest(name = "{0} -> {1}, opened {2}, short-circuited {3}")
  @CsvSource(delimiter = '|', value = {
      "ok ok ok ok                                      | CLOSED    | 0 | 0",
      "fail fail fail                                   | CLOSED    | 0 | 0",
      "ok ok ok fail                                    | CLOSED    | 0 | 0",
      "ok ok fail fail                                  | OPEN      | 1 | 0",
      "fail fail fail fail                              | OPEN      | 1 | 0",
      "ok ok slow slow                                  | OPEN      | 1 | 0",
      "ok ok slowwrite slowwrite                        | CLOSED    | 0 | 0",
      "ok ok ok ok ok ok fail fail                      | OPEN      | 1 | 0",
      "fail ok ok ok ok fail                            | CLOSED    | 0 | 0",
      "fail fail fail fail - -                          | OPEN      | 1 | 2",
      "fail fail fail fail wait9 -                      | OPEN      | 1 | 1",
      "fail fail fail fail wait10 ok                    | HALF_OPEN | 1 | 0",
      "fail fail fail fail wait10 ok ok                 | CLOSED    | 1 | 0",
      "fail fail fail fail wait10 ok fail               | OPEN      | 2 | 0",
      "fail fail fail fail wait10 slow                  | OPEN      | 2 | 0",
      "fail fail fail fail wait10 ok fail wait9 -       | OPEN      | 2 | 1",
      "fail fail fail fail wait10 ok fail wait10 ok ok  | CLOSED    | 2 | 0",
      "fail fail fail fail wait10 hold hold -           | HALF_OPEN | 1 | 1",
      "fail fail fail fail wait10 hold hold release-ok release-ok | CLOSED | 1 | 0",
      "hold fail fail fail fail wait10 ok release-fail ok | CLOSED  | 1 | 0",
      "fail fail fail fail wait10 ok ok fail fail fail  | CLOSED    | 1 | 0",
      "fail fail fail fail wait10 ok ok fail fail fail fail | OPEN  | 2 | 0",
  })
  void followsTheScript(String script, CircuitState expected, long opened, long shortCircuited) {
    MutableClock clock = MutableClock.create();
    StatsRecorder stats = new StatsRecorder();
    CircuitBreaker breaker = new CircuitBreaker(CONFIG, clock, stats, "TestBackend");
    Deque<CircuitBreaker.Permit> held = new ArrayDeque<>();
    long refused = 0;
    for (String event : script.trim().split("\\s+")) {
      switch (event) {
        case "ok" -> call(breaker, clock, Duration.ZERO, false, true);
        case "fail" -> call(breaker, clock, Duration.ZERO, true, true);
        case "slow" -> call(breaker, clock, Duration.ofMillis(150), false, true);
        case "slowwrite" -> call(breaker, clock, Duration.ofMillis(150), false, false);
        case "-" -> {
          assertThat(breaker.acquire()).as("call %s must be short-circuited", refused).isNull();
          refused++;
        }
        case "wait9" -> clock.advance(Duration.ofSeconds(9));
        case "wait10" -> clock.advance(Duration.ofSeconds(10));
        case "hold" -> held.add(permitted(breaker));
        case "release-ok" -> breaker.completed(held.removeFirst(), false, true);
        case "release-fail" -> breaker.completed(held.removeFirst(), true, true);
        default -> throw new IllegalArgumentException(event);
      }
    }
    assertThat(breaker.state()).isEqualTo(expected);
    assertThat(stats.snapshot().circuitState()).isEqualTo(expected);
    assertThat(stats.snapshot().circuitOpened()).isEqualTo(opened);
    assertThat(refused).isEqualTo(shortCircuited);
  }

  private static void call(CircuitBreaker breaker, MutableClock clock, Duration takes,
      boolean threw, boolean read) {
    CircuitBreaker.Permit permit = permitted(breaker);
    clock.advance(takes);
    breaker.completed(permit, threw, read);
  }

  private static CircuitBreaker.Permit permitted(CircuitBreaker breaker) {
    CircuitBreaker.Permit permit = breaker.acquire();
    assertThat(permit).as("the breaker (%s) must let this call through", breaker.state())
        .isNotNull();
    return permit;
  }

  @org.junit.jupiter.api.Test
  void slowReadsOfAnInProcessBackendDoNotOpenTheBreakerButFailuresDo() {
    MutableClock clock = MutableClock.create();
    CircuitBreaker breaker = new CircuitBreaker(CONFIG, clock, new StatsRecorder(),
        "TestBackend", false);
    for (int i = 0; i < 8; i++) {
      call(breaker, clock, Duration.ofSeconds(1), false, true);
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

    call(breaker, clock, Duration.ZERO, true, true);
    call(breaker, clock, Duration.ZERO, true, true);
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @ParameterizedTest(name = "warm-up of 4: {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "slow slow slow slow                  | CLOSED",
      "slow slow slow slow ok ok ok ok      | CLOSED",
      "slow slow slow slow slow slow        | OPEN",
      "fail fail fail fail                  | OPEN",
      "hold hold hold hold ok ok ok ok release-slow release-slow | CLOSED",
      "ok fail fail fail                     | CLOSED",
      "ok fail fail fail ok ok ok fail fail  | OPEN",
  })
  void duringTheWarmUpReadsAreNotJudgedSlowAndOnlyAllFailuresOpen(String script, CircuitState expected) {
    CircuitBreakerConfig warmingUp = CircuitBreakerConfig.custom().slidingWindowSize(4)
        .minimumCalls(4).countSlowCalls(true).warmUpCalls(4).build();
    MutableClock clock = MutableClock.create();
    CircuitBreaker breaker = new CircuitBreaker(warmingUp, clock, new StatsRecorder(),
        "TestBackend");
    Deque<CircuitBreaker.Permit> held = new ArrayDeque<>();
    for (String event : script.trim().split("\\s+")) {
      switch (event) {
        case "ok" -> call(breaker, clock, Duration.ZERO, false, true);
        case "fail" -> call(breaker, clock, Duration.ZERO, true, true);
        case "slow" -> call(breaker, clock, Duration.ofMillis(150), false, true);
        case "hold" -> held.add(permitted(breaker));
        case "release-slow" -> {
          clock.advance(Duration.ofMillis(150));
          breaker.completed(held.removeFirst(), false, true);
        }
        default -> throw new IllegalArgumentException(event);
      }
    }
    assertThat(breaker.state()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void byDefaultSlowReadsDoNotCountButFailuresDo() {
    MutableClock clock = MutableClock.create();
    CircuitBreaker breaker = new CircuitBreaker(CircuitBreakerConfig.custom().warmUpCalls(0)
        .build(), clock, new StatsRecorder(), "TestBackend");
    for (int i = 0; i < 40; i++) {
      call(breaker, clock, Duration.ofSeconds(1), false, true);
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

    for (int i = 0; i < 10; i++) {
      call(breaker, clock, Duration.ZERO, true, true);
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @ParameterizedTest(name = "disabled: {0}")
  @CsvSource({"fail fail fail fail fail fail", "slow slow slow slow"})
  void aDisabledBreakerLetsEveryCallThrough(String script) {
    MutableClock clock = MutableClock.create();
    StatsRecorder stats = new StatsRecorder();
    CircuitBreaker breaker = new CircuitBreaker(CircuitBreakerConfig.disabled(), clock, stats,
        "TestBackend");
    for (String event : script.split(" ")) {
      call(breaker, clock, event.equals("slow") ? Duration.ofSeconds(1) : Duration.ZERO,
          event.equals("fail"), true);
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.DISABLED);
    assertThat(stats.snapshot().circuitOpened()).isZero();
  }
}
