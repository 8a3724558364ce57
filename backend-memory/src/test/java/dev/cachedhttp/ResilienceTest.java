package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.testkit.ScriptedBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker and the background writer end to end: a {@link ScriptedBackend} over the
 * memory backend fails, is slow (on the fake clock) or holds its writes, and every call still
 * gets the origin's answer.
 */
class ResilienceTest extends OriginFixture {
  private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
      .slidingWindowSize(4).minimumCalls(4).countSlowCalls(true).warmUpCalls(0)
      .coolDown(Duration.ofSeconds(10))
      .probes(1).build();

  private ScriptedBackend scripted;

  @BeforeEach
  void answerEveryPath() {
    scripted = new ScriptedBackend(backend, clock);
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/redirect")) {
          return new MockResponse.Builder().code(302).addHeader("Location", "/target").build();
        }
        return ok("body of " + path);
      }
    });
  }

  private CachedClient.Builder resilient(WriteMode mode) {
    return CachedClient.builder().backend(scripted).clock(clock).circuitBreaker(BREAKER)
        .writeMode(mode).expireAfter(Duration.ofHours(1));
  }

  private Result getOk(OkHttpClient client, String path) throws IOException {
    Result result = get(client, path);
    assertThat(result.code()).isEqualTo(200);
    assertThat(result.body()).isEqualTo("body of " + path.replaceFirst("^/redirect.*", "/target"));
    return result;
  }

  @Test
  void aFailingBackendOpensTheBreakerAndIsLeftAloneUntilTheCoolDownEnds() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.SYNC));
    scripted.failing(true);

    getOk(client, "/a");
    getOk(client, "/a");
    assertThat(cached.stats().circuitState()).isEqualTo(CircuitState.OPEN);
    long callsWhenOpened = scripted.calls();
    for (int i = 0; i < 5; i++) {
      getOk(client, "/a");
    }

    CacheStats open = cached.stats();
    assertThat(scripted.calls()).isEqualTo(callsWhenOpened);
    assertThat(open.circuitOpened()).isEqualTo(1);
    assertThat(open.shortCircuited()).isEqualTo(10);
    assertThat(open.writesDropped()).isEqualTo(5);
    assertThat(open.misses()).isEqualTo(7);
    assertThat(open.backendErrors()).isEqualTo(4);

    scripted.failing(false);
    clock.advance(Duration.ofSeconds(10));
    getOk(client, "/a");
    assertThat(cached.stats().circuitState()).isEqualTo(CircuitState.CLOSED);
    assertThat(getOk(client, "/a").info().source()).isEqualTo(CacheInfo.Source.CACHE);
  }

  @Test
  void slowReadsOpenTheBreakerWithoutAnyoneSleeping() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.SYNC));
    getOk(client, "/warm");
    scripted.callsTake(Duration.ofMillis(150));

    assertThat(getOk(client, "/warm").info().fromCache()).isTrue();
    assertThat(getOk(client, "/warm").info().fromCache()).isTrue();
    Result duringCoolDown = getOk(client, "/warm");

    assertThat(cached.stats().circuitState()).isEqualTo(CircuitState.OPEN);
    assertThat(duringCoolDown.info().source()).isEqualTo(CacheInfo.Source.NETWORK);
  }

  @Test
  void slowReadsOfTheWarmUpDoNotOpenTheBreakerButLaterOnesDo() throws IOException {
    CircuitBreakerConfig warmingUp = CircuitBreakerConfig.custom().slidingWindowSize(4)
        .minimumCalls(4).countSlowCalls(true).warmUpCalls(8).coolDown(Duration.ofSeconds(10))
        .build();
    OkHttpClient client = client(resilient(WriteMode.SYNC).circuitBreaker(warmingUp));
    scripted.callsTake(Duration.ofMillis(150));

    for (int i = 0; i < 4; i++) {
      getOk(client, "/cold/" + i);
    }
    assertThat(cached.stats().circuitState()).as("after 8 slow calls of the warm-up")
        .isEqualTo(CircuitState.CLOSED);
    for (int i = 0; i < 4; i++) {
      getOk(client, "/cold/" + i);
    }
    assertThat(cached.stats().circuitState()).as("after 4 slow reads past the warm-up")
        .isEqualTo(CircuitState.OPEN);
  }

  @Test
  void slowReadsOfLargeBodiesDoNotOpenTheBreaker() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.SYNC));
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return ok("x".repeat(300_000));
      }
    });
    get(client, "/large");
    scripted.callsTake(Duration.ofMillis(150));

    for (int i = 0; i < 6; i++) {
      assertThat(get(client, "/large").info().source()).isEqualTo(CacheInfo.Source.CACHE);
    }
    assertThat(cached.stats().circuitState()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void responsesTooLargeForTheBackendDoNotOpenTheBreaker() throws IOException {
    PutRejecting rejecting = PutRejecting.tooLarge(scripted, 100);
    OkHttpClient client = client(CachedClient.builder().backend(rejecting).clock(clock)
        .circuitBreaker(BREAKER).writeMode(WriteMode.SYNC).expireAfter(Duration.ofHours(1)));
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return ok(path.startsWith("/large") ? "x".repeat(1_000) : "body of " + path);
      }
    });

    for (int i = 0; i < 8; i++) {
      assertThat(get(client, "/large/" + i).code()).isEqualTo(200);
    }
    assertThat(rejecting.rejected()).isEqualTo(8);
    CacheStats stats = cached.stats();
    assertThat(stats.circuitOpened()).as("%s", stats).isZero();
    assertThat(stats.backendErrors()).as("%s", stats).isZero();
    assertThat(stats.writesSkipped()).as("%s", stats).isEqualTo(8);
    getOk(client, "/small");
    assertThat(getOk(client, "/small").info().source()).isEqualTo(CacheInfo.Source.CACHE);
  }

  @Test
  void aMissReturnsBeforeItsWriteIsMadeAndIsAHitAtOnce() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.AUTO));
    scripted.holdWrites();

    Result miss = getOk(client, "/a");
    Result hit = getOk(client, "/a");

    assertThat(miss.info().source()).isEqualTo(CacheInfo.Source.NETWORK);
    assertThat(hit.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(scripted.writes()).isZero();
    scripted.releaseWrites();
    awaitTrue(() -> cached.stats().writes() == 1);
    assertThat(backend.responses().contains(miss.info().cacheKey())).isTrue();
  }

  @Test
  void closeMakesTheQueuedWritesBeforeClosingTheBackend() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.ASYNC));
    scripted.holdWrites();
    getOk(client, "/a");
    getOk(client, "/b");
    getOk(client, "/c");

    scripted.releaseWrites();
    cached.close();

    assertThat(scripted.writes()).isEqualTo(3);
  }

  @Test
  void aFullWriteQueueDropsWritesAndCountsThem() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.ASYNC).writeQueueCapacity(1)
        .writeConcurrency(1));
    scripted.holdWrites();

    getOk(client, "/a");
    awaitTrue(() -> scripted.waitingWrites() == 1);
    getOk(client, "/b");
    getOk(client, "/c");
    getOk(client, "/d");

    assertThat(cached.stats().writesDropped()).isEqualTo(2);
    scripted.releaseWrites();
    cached.close();
    assertThat(scripted.writes()).isEqualTo(2);
  }

  @Test
  void redirectAliasesAndInvalidationsAreSeenBeforeTheirWritesAreMade() throws IOException {
    OkHttpClient client = client(resilient(WriteMode.ASYNC));
    scripted.holdWrites();

    Result first = getOk(client, "/redirect");
    Result again = getOk(client, "/redirect");
    Result target = getOk(client, "/target");
    assertThat(again.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(target.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(again.info().cacheKey()).isEqualTo(first.info().cacheKey());

    call(client, new Request.Builder().url(origin.url("/target"))
        .post(RequestBody.create(new byte[0])).build());
    assertThat(getOk(client, "/target").info().source()).isEqualTo(CacheInfo.Source.NETWORK);
    scripted.releaseWrites();
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
