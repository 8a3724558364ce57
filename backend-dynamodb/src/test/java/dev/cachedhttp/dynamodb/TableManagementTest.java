package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class TableManagementTest {
  private final MutableClock clock = MutableClock.create();
  private final RecordingClient recording = new RecordingClient();
  private final DynamoDbClient admin = LocalTables.local().client();

  @AfterEach
  void closeClient() {
    recording.close();
  }

  private DynamoDbBackend.Builder backend(String table) {
    return DynamoDbBackend.builder()
        .readTimeout(LocalTables.TEST_READ_TIMEOUT)
        .readAttemptTimeout(LocalTables.TEST_READ_TIMEOUT)
        .client(recording.client()).tableName(table)
        .warmUp(false)
        .clock(clock);
  }

  @Test
  void buildWarmsTheClientUpWhenItPreparesTheTableAndOnlyThen() {
    String table = LocalTables.uniqueTable("warmed");
    backend(table).build().close();
    recording.reset();

    DynamoDbBackend.builder().client(recording.client()).tableName(table).build().close();
    assertThat(recording.operations()).containsExactly("DescribeTable", "DescribeTimeToLive",
        "GetItem", "BatchGetItem", "GetItem");
    recording.reset();

    DynamoDbBackend.builder().client(recording.client()).tableName(table).createTable(false)
        .build().close();
    assertThat(recording.operations()).isEmpty();

    DynamoDbBackend.builder().client(recording.client()).tableName(table).createTable(false)
        .warmUp(true).build().close();
    assertThat(recording.operations()).containsExactly("GetItem", "BatchGetItem", "GetItem");
  }

  private CachedResponse text(String body) {
    return CachedResponse.builder().url("https://example.com/").method("GET").status(200)
        .body(ByteString.encodeUtf8(body)).createdAt(clock.instant()).build();
  }

  @Test
  void buildCreatesAnOnDemandTableAndEnablesTtl() {
    String table = LocalTables.uniqueTable("managed");
    backend(table).build().close();

    TableDescription description = admin.describeTable(r -> r.tableName(table)).table();
    assertThat(description.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(description.keySchema()).isEqualTo(TableLayout.keySchema());
    assertThat(description.attributeDefinitions())
        .containsExactlyInAnyOrderElementsOf(TableLayout.attributeDefinitions());
    assertThat(description.billingModeSummary().billingMode())
        .isEqualTo(BillingMode.PAY_PER_REQUEST);
    TimeToLiveDescription ttl = admin.describeTimeToLive(r -> r.tableName(table))
        .timeToLiveDescription();
    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(ttl.attributeName()).isEqualTo("ttl");
    assertThat(recording.operations()).containsExactly(
        "DescribeTable", "CreateTable", "DescribeTimeToLive", "UpdateTimeToLive");
  }

  @Test
  void anExistingTableIsReusedWithoutCreatingItOrUpdatingTtl() {
    String table = LocalTables.uniqueTable("reused");
    backend(table).build().close();
    try (DynamoDbBackend first = backend(table).build()) {
      first.responses().put("k", text("kept"), null);
    }
    recording.reset();

    try (DynamoDbBackend second = backend(table).build()) {
      assertThat(recording.operations()).containsExactly("DescribeTable", "DescribeTimeToLive");
      assertThat(second.responses().get("k").orElseThrow().body().utf8()).isEqualTo("kept");
    }
  }

  @Test
  void createTableFalseCallsNothingAndAMissingTableIsOneWarningWhileCallsFailOpen() {
    String table = LocalTables.uniqueTable("never_created");
    try (LogCapture log = LogCapture.start();
        DynamoDbBackend backend = backend(table).createTable(false).build()) {
      assertThat(recording.operations()).isEmpty();

      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> backend.responses().get("k"))
            .isInstanceOf(StorageException.class).hasMessageContaining(table);
        assertThatThrownBy(() -> backend.lookup("k")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> backend.responses().put("k", text("x"), null))
            .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> backend.redirects().count()).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> {
          try (Stream<String> keys = backend.responses().keys()) {
            keys.count();
          }
        }).isInstanceOf(StorageException.class);
      }

      assertThat(log.linesContaining("WARN")).singleElement().asString()
          .contains("'" + table + "'", "does not exist", "region us-east-1");
    }
  }

  @Test
  void ttlFalseWritesNoTtlAttributeAndLeavesTableTtlOff() {
    String table = LocalTables.uniqueTable("no_ttl");
    try (DynamoDbBackend backend = backend(table).ttl(false).build()) {
      assertThat(recording.operations()).doesNotContain("DescribeTimeToLive", "UpdateTimeToLive");
      assertThat(admin.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription()
          .timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
      Instant expiry = clock.instant().plusSeconds(60);
      backend.responses().put("r", text("x"), expiry);
      backend.redirects().put("a", "r", expiry);

      Map<String, AttributeValue> response = LocalTables.rawItem(table, "responses", "r");
      Map<String, AttributeValue> alias = LocalTables.rawItem(table, "redirects", "a");
      assertThat(response).doesNotContainKey("ttl").containsKey("evict_at");
      assertThat(alias).doesNotContainKey("ttl").containsKey("evict_at");

      clock.advance(Duration.ofSeconds(60));
      assertThat(backend.responses().get("r")).isEmpty();
      assertThat(backend.lookup("a")).isEmpty();
    }
  }

  @Test
  void aTableWithAnotherKeySchemaIsRejectedAtBuild() {
    String table = LocalTables.uniqueTable("foreign");
    admin.createTable(r -> r.tableName(table)
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
            .attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));

    assertThatThrownBy(() -> backend(table).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'" + table + "'")
        .hasMessageContaining("id (HASH)");
  }

  @Test
  void anUnreachableEndpointFailsBuildNamingEndpointRegionAndTable() {
    URI nowhere = FailOpenTest.closedPortEndpoint();
    long start = System.nanoTime();

    assertThatThrownBy(() -> DynamoDbBackend.builder()
        .tableName("cache_table")
        .endpointOverride(nowhere)
        .region("eu-west-3")
        .credentialsProvider(LocalTables.local().credentials())
        .build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'cache_table'")
        .hasMessageContaining("region eu-west-3")
        .hasMessageContaining(nowhere.toString());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
