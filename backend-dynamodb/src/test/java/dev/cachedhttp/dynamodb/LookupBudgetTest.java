package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.dynamodb.internal.Calls;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import dev.cachedhttp.testkit.dynamodb.fault.DynamoDbFaultProxy;
import dev.cachedhttp.testkit.dynamodb.fault.Fault;
import dev.cachedhttp.testkit.dynamodb.fault.FaultPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * A lookup's reads share twice the read timeout: the third read of a key that was found as a
 * response and has since become an alias gets only what is left of it (a slow DynamoDB, put
 * between the backend and DynamoDB Local by the fault proxy).
 */
class LookupBudgetTest {
  /**
   * Each read waits at least {@link #LATENCY} in the proxy, so the third read starts with at most
   * 2 × 2.9 − 2 × 2.0 = 1.8 s left, less than its latency: it is cut short whatever the load,
   * while the first two have 0.9 s to spare for DynamoDB Local itself.
   */
  private static final Duration READ_TIMEOUT = Duration.ofMillis(2900);
  private static final Duration LATENCY = Duration.ofMillis(2000);

  @Test
  void theThirdReadOfAnAliasGetsOnlyWhatIsLeftOfTwiceTheReadTimeout() {
    DynamoDbLocal local = LocalTables.local();
    String table = LocalTables.uniqueTable("budget");
    List<String> reads = new CopyOnWriteArrayList<>();
    try (DynamoDbFaultProxy proxy = DynamoDbFaultProxy.start(local.endpoint());
        DynamoDbBackend backend = DynamoDbBackend.builder().tableName(table)
            .endpointOverride(proxy.endpoint()).region(local.region())
            .credentialsProvider(local.credentials()).warmUp(false)
            .readTimeout(READ_TIMEOUT).readAttemptTimeout(READ_TIMEOUT).build()) {
      CachedResponse response = CachedResponse.builder().url("https://example.com/b")
          .method("GET").status(200).body(ByteString.encodeUtf8("b"))
          .createdAt(Instant.now()).build();
      backend.responses().put("target", response, null);
      backend.responses().put("alias", response, null);
      assertThat(backend.lookup("alias").orElseThrow().key()).as("found as a response")
          .isEqualTo("alias");
      backend.responses().delete("alias");
      backend.redirects().put("alias", "target", null);

      proxy.plan((operation, sequence) -> {
        reads.add(operation);
        return Fault.latency(LATENCY);
      });
      assertThatThrownBy(() -> backend.lookup("alias")).isInstanceOf(StorageException.class)
          .hasMessageContaining("GetItem");
      assertThat(reads).as("the response, the alias, the target (cut short)")
          .containsExactly("GetItem", "GetItem", "GetItem");

      proxy.plan(FaultPlan.healthy());
      assertThat(backend.lookup("alias").orElseThrow().key()).isEqualTo("target");
    }
  }

  @Test
  void aReadWithNoTimeLeftIsNotMadeAndOneWithTimeToSpareGetsTheReadTimeouts() {
    Calls calls = new Calls(null, "t", "nowhere", Duration.ofMillis(250), Duration.ofMillis(100),
        Duration.ofSeconds(2), Duration.ofSeconds(10));

    assertThat(calls.readUntil(System.nanoTime() + Duration.ofSeconds(10).toNanos()))
        .isSameAs(calls.read());
    AwsRequestOverrideConfiguration shortened =
        calls.readUntil(System.nanoTime() + Duration.ofMillis(200).toNanos());
    assertThat(shortened.apiCallTimeout().orElseThrow()).isLessThanOrEqualTo(Duration.ofMillis(200))
        .isPositive();
    assertThat(shortened.apiCallAttemptTimeout().orElseThrow()).isEqualTo(Duration.ofMillis(100));
    assertThatThrownBy(() -> calls.readUntil(System.nanoTime()))
        .isInstanceOf(StorageException.class).hasMessageContaining("table 't'")
        .hasMessageContaining("500 ms");
  }
}
