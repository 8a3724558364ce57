package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.testkit.NoDelayServerSockets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Four instances, each with its own DynamoDbBackend and SDK client as separate JVMs would have, on
 * one DynamoDB Local table: with {@code coalesceAcrossInstances} a cold key requested by all of
 * them at once costs one origin request. Leases and waits run on real time.
 */
class FleetLeaseTest {
  private static final int INSTANCES = 4;
  private static final int CALLERS = 8;
  private static final int KEYS = 3;

  @Test
  void fourInstancesTimesEightCallersCostOneOriginRequestPerColdKey() throws Exception {
    String table = LocalTables.tableWithoutTtlDeletion("fleet_leases");
    AtomicInteger requests = new AtomicInteger();
    List<CachedClient> fleet = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * CALLERS);
    try (MockWebServer origin = new MockWebServer()) {
      origin.setServerSocketFactory(new NoDelayServerSockets());
      origin.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          requests.incrementAndGet();
          Thread.sleep(300); // the origin's latency
          return new MockResponse.Builder().body("answer " + request.getUrl().encodedPath())
              .build();
        }
      });
      origin.start();
      for (int i = 0; i < INSTANCES; i++) {
        fleet.add(CachedClient.builder()
            .backend(LocalTables.backend(table, Clock.systemUTC()).build())
            .clock(Clock.systemUTC()).coalesceAcrossInstances(true).build());
      }

      for (int key = 0; key < KEYS; key++) {
        String path = "/cold/" + key;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (CachedClient instance : fleet) {
          for (int c = 0; c < CALLERS; c++) {
            calls.add(threads.submit(() -> {
              start.await();
              try (Response response = instance.client().newCall(
                  new Request.Builder().url(origin.url(path)).build()).execute()) {
                return response.body().string();
              }
            }));
          }
        }
        start.countDown();
        for (Future<String> call : calls) {
          assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("answer " + path);
        }
      }

      assertThat(requests.get()).as("origin requests for %d cold keys", KEYS).isEqualTo(KEYS);
      fleet.forEach(CachedClient::close); // lets each writer make its queued writes and releases
      assertThat(LocalTables.local().client().scan(r -> r.tableName(table)).items())
          .as("leases are released once the answers are stored")
          .noneMatch(item -> item.get("namespace").s().equals("leases")
              && Instant.parse(item.get("expires_at").s()).isAfter(Instant.now()));
    } finally {
      threads.shutdownNow();
      fleet.forEach(CachedClient::close);
    }
  }
}
