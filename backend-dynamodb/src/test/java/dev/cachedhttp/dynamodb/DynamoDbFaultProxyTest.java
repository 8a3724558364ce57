package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import dev.cachedhttp.testkit.dynamodb.fault.DynamoDbFaultProxy;
import dev.cachedhttp.testkit.dynamodb.fault.Fault;
import dev.cachedhttp.testkit.dynamodb.fault.FaultPlan;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** What the SDK sees through {@link DynamoDbFaultProxy} for each fault, one attempt per call. */
class DynamoDbFaultProxyTest {
  private static DynamoDbFaultProxy proxy;
  private static DynamoDbClient client;
  private static String table;
  private static Map<String, AttributeValue> key;

  @BeforeAll
  static void start() {
    DynamoDbLocal local = LocalTables.local();
    proxy = DynamoDbFaultProxy.start(local.endpoint());
    client = local.clientBuilder().endpointOverride(proxy.endpoint())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))
            .apiCallTimeout(Duration.ofSeconds(2)))
        .build();
    table = LocalTables.tableWithoutTtlDeletion("proxied");
    key = TableLayout.primaryKey("responses", "k");
    client.putItem(r -> r.tableName(table).item(Map.of(
        "namespace", key.get("namespace"), "key", key.get("key"),
        "url", AttributeValue.fromS("https://example.com/"))));
  }

  @AfterAll
  static void stop() {
    client.close();
    proxy.close();
  }

  private static Map<String, AttributeValue> read(Fault fault) {
    proxy.plan(FaultPlan.always(fault));
    try {
      return client.getItem(r -> r.tableName(table).key(key)).item();
    } finally {
      proxy.plan(FaultPlan.healthy());
    }
  }

  @Test
  void withoutAFaultAndWithLatencyTheAnswerIsDynamoDbs() {
    assertThat(read(Fault.none()).get("url").s()).isEqualTo("https://example.com/");
    assertThat(read(Fault.latency(Duration.ofMillis(30))).get("url").s())
        .isEqualTo("https://example.com/");
  }

  @Test
  void throttlingAndServerErrorsAreDynamoDbsErrors() {
    assertThatThrownBy(() -> read(Fault.of(Fault.Kind.THROTTLE_PROVISIONED)))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
    assertThatThrownBy(() -> read(Fault.of(Fault.Kind.THROTTLE_RATE)))
        .isInstanceOf(DynamoDbException.class).hasMessageContaining("Rate of requests")
        .extracting(e -> ((DynamoDbException) e).awsErrorDetails().errorCode())
        .isEqualTo("ThrottlingException");
    assertThatThrownBy(() -> read(Fault.of(Fault.Kind.SERVER_ERROR)))
        .isInstanceOf(DynamoDbException.class)
        .extracting(e -> ((DynamoDbException) e).statusCode()).isEqualTo(500);
  }

  @Test
  void resetsHangsAndGarbageAreClientErrors() {
    assertThatThrownBy(() -> read(Fault.of(Fault.Kind.RESET)))
        .isInstanceOf(SdkClientException.class);
    assertThatThrownBy(() -> read(Fault.of(Fault.Kind.HANG)))
        .isInstanceOf(SdkClientException.class);
    assertThatThrownBy(() -> read(Fault.of(Fault.Kind.GARBAGE)))
        .isInstanceOf(SdkClientException.class);
  }

  @Test
  void damagedItemsPassTheChecksumWithTheWrongTypes() {
    Map<String, AttributeValue> damaged = read(Fault.of(Fault.Kind.DAMAGE_ITEMS));

    assertThat(damaged.get("url").bool()).isTrue();
    assertThat(damaged.get("url").s()).isNull();
    assertThat(damaged.get("key").s()).isEqualTo("k");
  }

  @Test
  void aBackendWithRetriesFailsEveryReadWhileEveryRequestIsThrottled() throws Exception {
    DynamoDbLocal local = LocalTables.local();
    try (DynamoDbBackend backend = DynamoDbBackend.builder().tableName(table)
        .endpointOverride(proxy.endpoint()).region(local.region())
        .credentialsProvider(local.credentials()).createTable(false).build()) {
      proxy.plan(FaultPlan.always(Fault.of(Fault.Kind.THROTTLE_RATE)));
      java.util.List<java.util.concurrent.Future<Object>> reads = new java.util.ArrayList<>();
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      for (int i = 0; i < 24; i++) {
        reads.add(pool.submit(() -> backend.lookup("k" + System.nanoTime())));
      }
      int failed = 0;
      for (java.util.concurrent.Future<Object> read : reads) {
        try {
          read.get();
        } catch (java.util.concurrent.ExecutionException e) {
          failed++;
        }
      }
      pool.shutdown();
      assertThat(failed).isEqualTo(24);
    } finally {
      proxy.plan(FaultPlan.healthy());
    }
  }

  @Test
  void aShareOfRequestsIsFaultedEvenly() {
    FaultPlan plan = FaultPlan.share(30, Fault.of(Fault.Kind.THROTTLE_RATE));
    long faulted = java.util.stream.LongStream.range(0, 1000)
        .filter(i -> plan.faultFor("GetItem", i).kind() != Fault.Kind.NONE).count();
    assertThat(faulted).isEqualTo(300);
  }
}
