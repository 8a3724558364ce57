package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent identical requests share one origin request. */
class CoalescingTest extends OriginFixture {
  private final ExecutorService callers = Executors.newFixedThreadPool(100);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger arrivals = new AtomicInteger();

  @AfterEach
  void stopCallers() {
    release.countDown();
    callers.shutdownNow();
  }

  /** An origin that holds every answer until {@link #release} opens, then answers with it. */
  private void slowOrigin(MockResponse... answers) {
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        int index = arrivals.getAndIncrement();
        release.await(30, TimeUnit.SECONDS);
        return answers[Math.min(index, answers.length - 1)];
      }
    });
  }

  /**
   * A client whose calls count down {@code entered} when they reach the cache, so a test knows
   * every caller is inside before the origin answers.
   */
  private OkHttpClient counting(CachedClient.Builder builder, CountDownLatch entered) {
    cached = builder.build();
    OkHttpClient existing = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .addInterceptor(chain -> {
          entered.countDown();
          return chain.proceed(chain.request());
        }).build();
    return cached.client(existing);
  }

  private List<Future<Result>> start(int count, Callable<Result> call) {
    List<Future<Result>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(callers.submit(call));
    }
    return futures;
  }

  @Test
  void aHundredConcurrentIdenticalGetsToASlowOriginSendOneRequest() throws Exception {
    slowOrigin(response("shared body"));
    CountDownLatch entered = new CountDownLatch(100);
    OkHttpClient client = counting(builder(), entered);

    List<Future<Result>> results = start(100, () -> get(client, "/slow"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    int fromCacheOrShared = 0;
    for (Future<Result> future : results) {
      Result result = future.get(30, TimeUnit.SECONDS);
      assertThat(result.code()).isEqualTo(200);
      assertThat(result.body()).isEqualTo("shared body");
      fromCacheOrShared += result.info().fromCache() ? 1 : 0;
    }
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(fromCacheOrShared).isEqualTo(99);
    CacheStats stats = cached.stats();
    assertThat(stats.coalesced() + stats.hits()).isEqualTo(99);
    assertThat(stats.coalesced()).isPositive();
    assertThat(stats.misses()).isEqualTo(1);
  }

  @Test
  void concurrentRevalidationsOfAStaleEntrySendOneConditionalRequest() throws Exception {
    origin.enqueue(response("v1", "ETag", "\"1\""));
    OkHttpClient client = counting(builder().expireAfter(Duration.ofMinutes(1)),
        new CountDownLatch(0));
    get(client, "/stale");
    clock.advance(Duration.ofMinutes(2));
    slowOrigin(new MockResponse.Builder().code(304).build());
    CountDownLatch entered = new CountDownLatch(20);
    client = counting(builder().expireAfter(Duration.ofMinutes(1)), entered);
    OkHttpClient finalClient = client;

    List<Future<Result>> results = start(20, () -> get(finalClient, "/stale"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    for (Future<Result> future : results) {
      assertThat(future.get(30, TimeUnit.SECONDS).body()).isEqualTo("v1");
    }
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFailingLeaderDoesNotPoisonTheWaiters() throws Exception {
    slowOrigin(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket())
        .build(), response("recovered"));
    CountDownLatch entered = new CountDownLatch(5);
    OkHttpClient client = counting(builder(), entered);

    List<Future<Result>> results = start(5, () -> get(client, "/flaky"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    int failures = 0;
    for (Future<Result> future : results) {
      try {
        assertThat(future.get(30, TimeUnit.SECONDS).body()).isEqualTo("recovered");
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(IOException.class);
        failures++;
      }
    }
    assertThat(failures).isEqualTo(1);
  }

  @Test
  void withCoalescingOffEveryCallGoesToTheOrigin() throws Exception {
    CountDownLatch allArrived = new CountDownLatch(3);
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        allArrived.countDown();
        allArrived.await(30, TimeUnit.SECONDS);
        return response("each");
      }
    });
    OkHttpClient client = client(builder().coalesceRequests(false));

    List<Future<Result>> results = start(3, () -> get(client, "/each"));
    for (Future<Result> future : results) {
      assertThat(future.get(30, TimeUnit.SECONDS).info().fromCache()).isFalse();
    }

    assertThat(origin.getRequestCount()).isEqualTo(3);
    assertThat(cached.stats().coalesced()).isZero();
  }

  @Test
  void responsesThatMayNotBeStoredAreNotSharedAndTheWaiterGoesOnItsOwn() throws Exception {
    slowOrigin(response("private 1", "Cache-Control", "no-store"),
        response("private 2", "Cache-Control", "no-store"));
    CountDownLatch entered = new CountDownLatch(2);
    OkHttpClient client = counting(builder().cacheControl(true), entered);

    List<Future<Result>> results = start(2, () -> get(client, "/secret"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    List<String> bodies = new ArrayList<>();
    for (Future<Result> future : results) {
      Result result = future.get(30, TimeUnit.SECONDS);
      assertThat(result.info().fromCache()).isFalse();
      bodies.add(result.body());
    }
    assertThat(bodies).containsExactlyInAnyOrder("private 1", "private 2");
    assertThat(origin.getRequestCount()).isEqualTo(2);
    assertThat(cached.stats().coalesced()).isZero();
  }

  @Test
  void aWaiterGivesUpWhenItsCallTimesOut() throws Exception {
    slowOrigin(response("too late"));
    CountDownLatch entered = new CountDownLatch(1);
    OkHttpClient client = counting(builder(), entered);
    Future<Result> leader = callers.submit(() -> get(client, "/hang"));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    awaitArrivals(1);
    OkHttpClient impatient = client.newBuilder().callTimeout(Duration.ofMillis(200)).build();

    Future<Result> waiter = callers.submit(() -> get(impatient, "/hang"));

    try {
      waiter.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the waiter should have timed out");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
    }
    assertThat(origin.getRequestCount()).as("the waiter sent no request of its own").isEqualTo(1);
    release.countDown();
    assertThat(leader.get(30, TimeUnit.SECONDS).body()).isEqualTo("too late");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  /** Waits, at most 30 s, until {@code count} requests reached the origin. */
  private void awaitArrivals(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (arrivals.get() < count) {
      assertThat(System.nanoTime()).as("requests reaching the origin").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void aWaiterForADifferentVariantGoesOnItsOwn() throws Exception {
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        release.await(30, TimeUnit.SECONDS);
        return response(request.getHeaders().get("Accept-Language"),
            "Vary", "Accept-Language");
      }
    });
    CountDownLatch entered = new CountDownLatch(2);
    OkHttpClient client = counting(builder(), entered);

    Future<Result> en = callers.submit(() -> call(client, new Request.Builder()
        .url(origin.url("/v")).header("Accept-Language", "en").build()));
    Future<Result> fr = callers.submit(() -> call(client, new Request.Builder()
        .url(origin.url("/v")).header("Accept-Language", "fr").build()));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    assertThat(en.get(30, TimeUnit.SECONDS).body()).isEqualTo("en");
    assertThat(fr.get(30, TimeUnit.SECONDS).body()).isEqualTo("fr");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }
}
