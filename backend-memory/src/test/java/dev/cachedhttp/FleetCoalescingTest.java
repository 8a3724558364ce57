package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances (each its own CachedClient, interceptor and coalescer) on one shared backend:
 * with {@code coalesceAcrossInstances}, a cold key requested at once by all of them costs one
 * origin request; a leader whose answer cannot be stored lets the others go at once.
 */
class FleetCoalescingTest extends OriginFixture {
  private static final int INSTANCES = 4;
  private static final int CALLERS = 8;
  private final List<CachedClient> fleet = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * CALLERS);

  @AfterEach
  void closeFleet() {
    threads.shutdownNow();
    fleet.forEach(CachedClient::close);
  }

  /** An origin that answers each path after 300 ms and counts the requests. */
  private AtomicInteger slowOrigin(int status) {
    AtomicInteger requests = new AtomicInteger();
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.incrementAndGet();
        Thread.sleep(300); // the origin's own latency, not the test's notion of time
        return new MockResponse.Builder().code(status).body("answer").build();
      }
    });
    return requests;
  }

  /** Instances on one shared backend; leases and waits run on real time. */
  private void startFleet(Duration lease) {
    MemoryBackend shared = MemoryBackend.builder().clock(Clock.systemUTC()).build();
    for (int i = 0; i < INSTANCES; i++) {
      CachedClient.Builder builder = CachedClient.builder().backend(shared)
          .clock(Clock.systemUTC());
      fleet.add((lease == null ? builder : builder.coalesceAcrossInstances(lease)).build());
    }
  }

  private List<Result> everyoneAsks(String path) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Result>> calls = new ArrayList<>();
    for (CachedClient instance : fleet) {
      for (int c = 0; c < CALLERS; c++) {
        calls.add(threads.submit(() -> {
          start.await();
          return get(instance.client(), path);
        }));
      }
    }
    start.countDown();
    List<Result> results = new ArrayList<>();
    for (Future<Result> call : calls) {
      results.add(call.get(20, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void aColdKeyAskedByFourInstancesAtOnceCostsOneOriginRequest() throws Exception {
    AtomicInteger requests = slowOrigin(200);
    startFleet(CachedClient.Builder.DEFAULT_FLEET_LEASE);

    List<Result> results = everyoneAsks("/cold");

    assertThat(results).allSatisfy(result -> assertThat(result.body()).isEqualTo("answer"));
    assertThat(requests.get()).as("origin requests for one cold key").isEqualTo(1);
  }

  @Test
  void withoutItEachInstanceAsksTheOriginOnce() throws Exception {
    AtomicInteger requests = slowOrigin(200);
    startFleet(null);

    everyoneAsks("/cold");

    assertThat(requests.get()).isEqualTo(INSTANCES);
  }

  @Test
  void anAnswerThatCannotBeStoredReleasesTheOthersAtOnce() throws Exception {
    AtomicInteger requests = slowOrigin(503);
    // A lease far longer than the calls' bounded wait: had the others waited for it, the calls
    // would not end within everyoneAsks' bound.
    startFleet(Duration.ofMinutes(5));

    List<Result> results = everyoneAsks("/broken");

    assertThat(results).allSatisfy(result -> assertThat(result.code()).isEqualTo(503));
    // An answer that is not stored is shared with no one, in-process or across the fleet: every
    // caller asks the origin itself, at once.
    assertThat(requests.get()).isEqualTo(INSTANCES * CALLERS);
  }

  /** A shared memory backend whose leases always fail, as a sick table's would. */
  private static final class SickLeases extends dev.cachedhttp.testkit.ForwardingBackend {
    private final AtomicInteger attempts = new AtomicInteger();

    SickLeases() {
      super(MemoryBackend.builder().clock(Clock.systemUTC()).build());
    }

    @Override
    public java.util.Optional<dev.cachedhttp.spi.Leases> leases() {
      return java.util.Optional.of(new dev.cachedhttp.spi.Leases() {
        @Override
        public java.util.Optional<java.time.Instant> acquire(String key, String owner,
            java.time.Instant expiresAt) {
          attempts.incrementAndGet();
          throw new dev.cachedhttp.spi.StorageException("lease table unavailable");
        }

        @Override
        public java.util.Optional<java.time.Instant> holder(String key) {
          throw new dev.cachedhttp.spi.StorageException("lease table unavailable");
        }

        @Override
        public void release(String key, String owner) {
          throw new dev.cachedhttp.spi.StorageException("lease table unavailable");
        }
      });
    }
  }

  @Test
  void aBackendThatCannotGrantLeasesIsSkippedEachInstanceFetchesAtOnce() throws Exception {
    AtomicInteger requests = slowOrigin(200);
    SickLeases sick = new SickLeases();
    for (int i = 0; i < INSTANCES; i++) {
      fleet.add(CachedClient.builder().backend(sick).clock(Clock.systemUTC())
          .coalesceAcrossInstances(Duration.ofMinutes(5)).build());
    }

    List<Result> results = everyoneAsks("/cold");

    assertThat(results).allSatisfy(result -> assertThat(result.body()).isEqualTo("answer"));
    assertThat(sick.attempts.get()).as("the lease was tried").isPositive();
    assertThat(requests.get()).as("one per instance, as without leases").isEqualTo(INSTANCES);
  }
}
