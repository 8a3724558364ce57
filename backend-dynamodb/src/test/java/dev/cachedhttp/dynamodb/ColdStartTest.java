package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * A fleet's new instances on a healthy DynamoDB Local with the backend's defaults (the table
 * exists: {@code build()} describes it and warms the SDK client up) but a read budget of 1 s per read and attempt (see
 * {@link #SHARED_CPU_READ_TIMEOUT}), and the default breaker, on the system clock: 16 callers start at
 * once on a new {@link CachedClient} with its own SDK client, 64 URLs each in its own order; then
 * a second new instance asks for the same URLs. The breaker never opens, no write is dropped, and
 * the second instance is served from the table.
 */
class ColdStartTest {
  private static final int CALLERS = 16;
  private static final int URLS = 64;
  /**
   * DynamoDB Local runs in this JVM and serves 16 callers that make hits as fast as they can on
   * the same 2 cores (with the build around them): reads of a healthy, warm table then take
   * longer than the default 250 ms budget at times, which is saturation, not a cold start. The
   * default budget is measured in separate JVMs by the fleet bench.
   */
  private static final Duration SHARED_CPU_READ_TIMEOUT = Duration.ofSeconds(1);

  private MockWebServer origin;
  private String table;

  @BeforeEach
  void start() throws IOException {
    origin = new MockWebServer();
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain")
            .body(body(request.getUrl().encodedPath())).build();
      }
    });
    origin.start();
    table = LocalTables.tableWithoutTtlDeletion("cold");
    warmUpDynamoDbLocal();
  }

  /**
   * The server side of a fleet's table is warm: DynamoDB Local shares this JVM, and its first few
   * hundred requests (compiling its own code) are what a real table never shows. Made through
   * the test kit's own SDK client, not the instances'.
   */
  private void warmUpDynamoDbLocal() {
    DynamoDbLocal local = LocalTables.local();
    for (int i = 0; i < 300; i++) {
      String key = "warm-" + (i % 20);
      local.client().putItem(r -> r.tableName(table).item(Map.of(
          TableLayout.PARTITION_KEY, AttributeValue.fromS("warm-up"),
          TableLayout.SORT_KEY, AttributeValue.fromS(key),
          "body", AttributeValue.fromS(body(key)))));
      local.client().batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder()
          .keys(TableLayout.primaryKey("warm-up", key)).build())));
    }
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private static String body(String path) {
    return ("body of " + path + " ").repeat(60);
  }

  @Test
  void aColdInstanceNeverOpensTheBreakerAndFillsTheTableForTheNextInstance() throws Exception {
    CacheStats first = runInstance();
    assertThat(first.circuitOpened()).as("first instance: %s", first).isZero();
    assertThat(first.writesDropped()).as("first instance: %s", first).isZero();
    assertThat(first.writes()).as("first instance: %s", first).isGreaterThanOrEqualTo(URLS);

    CacheStats second = runInstance();
    assertThat(second.circuitOpened()).as("second instance: %s", second).isZero();
    assertThat(second.hits()).as("second instance: %s", second)
        .isGreaterThanOrEqualTo(CALLERS * URLS * 90L / 100);
  }

  /** One new instance: its own SDK client, 16 callers released at once; closed (flushed) after. */
  private CacheStats runInstance() throws Exception {
    DynamoDbLocal local = LocalTables.local();
    DynamoDbBackend backend = DynamoDbBackend.builder().tableName(table)
        .endpointOverride(local.endpoint()).region(local.region())
        .credentialsProvider(local.credentials()).readTimeout(SHARED_CPU_READ_TIMEOUT)
        .readAttemptTimeout(SHARED_CPU_READ_TIMEOUT).build();
    CachedClient cached = CachedClient.builder().backend(backend)
        .expireAfter(Duration.ofHours(1)).build();
    try (cached) {
      OkHttpClient client = cached.client();
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < CALLERS; c++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < URLS; i++) {
          order.add(i);
        }
        Collections.shuffle(order, new Random(c));
        done.add(callers.submit(() -> {
          go.await();
          int wrong = 0;
          for (int i : order) {
            String path = "/r/" + i;
            if (!body(path).equals(get(client, origin.url(path).toString()))) {
              wrong++;
            }
          }
          return wrong;
        }));
      }
      go.countDown();
      for (Future<Integer> caller : done) {
        assertThat(caller.get(2, TimeUnit.MINUTES)).as("wrong bodies").isZero();
      }
      callers.shutdown();
    }
    return cached.stats();
  }

  private static String get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }
}
