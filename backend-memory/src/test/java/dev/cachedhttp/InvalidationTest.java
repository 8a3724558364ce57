package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.testkit.ScriptedBackend;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invalidation after unsafe requests is never lost: made before the unsafe call returns, retried
 * when the backend cannot make it (the URL reads as absent meanwhile), and never overtaken by a
 * request that was sent before it (neither joined nor stored after it).
 */
class InvalidationTest extends OriginFixture {
  private static final MediaType TEXT = MediaType.get("text/plain");
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private Request put(String path) {
    return new Request.Builder().url(origin.url(path)).put(RequestBody.create("new", TEXT))
        .build();
  }

  @Test
  void anInvalidationTheBackendCannotMakeIsRetriedAndItsUrlReadsAsAbsentMeanwhile()
      throws Exception {
    enqueue("old", "updated", "new", "newer");
    ScriptedBackend scripted = new ScriptedBackend(backend, clock);
    OkHttpClient client = client(builder().backend(scripted).writeMode(WriteMode.SYNC)
        .circuitBreaker(CircuitBreakerConfig.disabled()));
    get(client, "/doc");
    assertThat(backend.responses().count()).isEqualTo(1);

    scripted.failing(true);
    long callsBefore = scripted.calls();
    call(client, put("/doc"));
    assertThat(scripted.calls()).as("the invalidation reached the backend").isGreaterThan(
        callsBefore);
    scripted.failing(false);
    assertThat(backend.responses().count()).as("still there after the failed invalidation")
        .isEqualTo(1);
    Result meanwhile = get(client, "/doc");

    assertThat(meanwhile.body()).isEqualTo("new");
    assertThat(meanwhile.info().fromCache()).isFalse();
    assertThat(meanwhile.info().stored()).as("nothing is stored into a pending group").isFalse();
    assertThat(backend.responses().count()).as("the old entry is still in the backend")
        .isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    Result afterRetry = get(client, "/doc");

    assertThat(afterRetry.body()).isEqualTo("newer");
    assertThat(afterRetry.info().stored()).isTrue();
    assertThat(get(client, "/doc").body()).isEqualTo("newer");
  }

  @Test
  void anInvalidationIsMadeEvenWhenTheBreakerIsOpenOnceItCloses() throws Exception {
    ScriptedBackend scripted = new ScriptedBackend(backend, clock);
    OkHttpClient client = client(builder().backend(scripted).writeMode(WriteMode.SYNC));
    enqueue("old");
    get(client, "/doc");
    scripted.failing(true);
    for (int i = 0; i < 30; i++) {
      enqueue("during the outage " + i);
      get(client, "/other" + i);
    }
    assertThat(cached.stats().shortCircuited()).as("the breaker opened").isPositive();

    enqueue("updated");
    call(client, put("/doc"));
    scripted.failing(false);
    enqueue("new");
    Result meanwhile = get(client, "/doc");
    clock.advance(Duration.ofMinutes(5));
    enqueue("after the outage", "fresh");
    get(client, "/unrelated");
    Result later = get(client, "/doc");

    assertThat(meanwhile.body()).isEqualTo("new");
    assertThat(later.body()).isEqualTo("fresh");
    assertThat(backend.responses().keys().toList()).noneMatch(key ->
        backend.responses().get(key).orElseThrow().body().utf8().equals("old"));
  }

  /** An origin whose first GET of a path waits for {@link #release}; PUTs answer at once. */
  private final class HeldOrigin extends Dispatcher {
    final CountDownLatch firstGetArrived = new CountDownLatch(1);
    final CountDownLatch secondGetArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger gets = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (!"GET".equals(request.getMethod())) {
        return new MockResponse.Builder().code(204).build();
      }
      int number = gets.incrementAndGet();
      if (number == 1) {
        firstGetArrived.countDown();
        release.await(10, TimeUnit.SECONDS);
        return ok("before the PUT");
      }
      secondGetArrived.countDown();
      return ok("after the PUT " + number);
    }
  }

  @Test
  void aGetSentAfterAPutReturnedNeverJoinsARequestSentBeforeIt() throws Exception {
    HeldOrigin held = new HeldOrigin();
    origin.setDispatcher(held);
    OkHttpClient client = client(builder());

    Future<Result> before = threads.submit(() -> get(client, "/r"));
    assertThat(held.firstGetArrived.await(5, TimeUnit.SECONDS)).isTrue();
    call(client, put("/r"));
    Future<Result> after = threads.submit(() -> get(client, "/r"));
    boolean wentToTheOrigin = held.secondGetArrived.await(3, TimeUnit.SECONDS);
    held.release.countDown();

    assertThat(wentToTheOrigin).as("the later GET asked the origin itself").isTrue();
    assertThat(after.get(5, TimeUnit.SECONDS).body()).startsWith("after the PUT");
    assertThat(before.get(5, TimeUnit.SECONDS).body()).isEqualTo("before the PUT");
  }

  @Test
  void anAnswerToARequestSentBeforeAnInvalidationIsNotStoredAfterIt() throws Exception {
    HeldOrigin held = new HeldOrigin();
    origin.setDispatcher(held);
    OkHttpClient client = client(builder().coalesceRequests(false));

    Future<Result> before = threads.submit(() -> get(client, "/r"));
    assertThat(held.firstGetArrived.await(5, TimeUnit.SECONDS)).isTrue();
    call(client, put("/r"));
    held.release.countDown();
    Result old = before.get(5, TimeUnit.SECONDS);
    Result next = get(client, "/r");

    assertThat(old.body()).isEqualTo("before the PUT");
    assertThat(old.info().stored()).isFalse();
    assertThat(next.body()).startsWith("after the PUT");
  }
}
