package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of format 1 (written before checksums, JSON bodies as documents) still read. */
class LegacyFormatTest {
  private static final String TABLE = LocalTables.tableWithoutTtlDeletion("legacy");

  private final MutableClock clock = MutableClock.create();
  private final DynamoDbBackend backend = LocalTables.backend(TABLE, clock).build();

  @AfterEach
  void close() {
    backend.close();
  }

  /** A response item exactly as format 1 wrote it, with a JSON document body. */
  private static Map<String, AttributeValue> formatOneItem(String key) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("namespace", s("responses"));
    item.put("key", s(key));
    item.put("format", n("1"));
    item.put("url", s("https://api.example.com/users/7"));
    item.put("method", s("GET"));
    item.put("status", n("200"));
    item.put("reason", s("OK"));
    item.put("protocol", s("http/1.1"));
    item.put("headers", AttributeValue.fromM(Map.of(
        "Content-Type", AttributeValue.fromL(List.of(s("application/json"))),
        "Content-Length", AttributeValue.fromL(List.of(s("40"))))));
    item.put("request", AttributeValue.fromM(Map.of(
        "method", s("GET"),
        "url", s("https://api.example.com/users/7"),
        "headers", AttributeValue.fromM(Map.of()))));
    item.put("request_sent_at", s("2026-01-01T00:00:00Z"));
    item.put("created_at", s("2026-01-01T00:00:00.012Z"));
    item.put("expires", s("2026-01-01T01:00:00Z"));
    item.put("history", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
        "url", s("https://api.example.com/u/7"), "status", n("301"))))));
    item.put("body_encoding", s("json"));
    item.put("body_size", n("25"));
    item.put("body", AttributeValue.fromM(Map.of("name", s("Ada"), "id", n("7"))));
    return item;
  }

  @Test
  void aFormatOneItemWithAJsonDocumentBodyReads() {
    LocalTables.local().client().putItem(r -> r.tableName(TABLE).item(formatOneItem("old")));

    CachedResponse read = backend.responses().get("old").orElseThrow();

    assertThat(read.body().utf8()).isEqualTo("{\"id\":7,\"name\":\"Ada\"}");
    assertThat(read.headers().get("Content-Length")).isEqualTo("21");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.request().url()).isEqualTo("https://api.example.com/users/7");
    assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.012Z"));
    assertThat(read.history()).hasSize(1);
    assertThat(backend.lookup("old")).isPresent();
  }

  @Test
  void aFormatOneItemWhoseJsonBodyIsNotADocumentIsUnreadable() {
    Map<String, AttributeValue> item = formatOneItem("old-number");
    item.put("body", n("25"));
    LocalTables.local().client().putItem(r -> r.tableName(TABLE).item(item));

    assertThatThrownBy(() -> backend.responses().get("old-number"))
        .isInstanceOf(StorageException.class).hasMessageContaining("wrong type");
  }

  @Test
  void aFormatOneTextItemReadsAndTheNextStoreWritesTheCurrentFormat() {
    Map<String, AttributeValue> item = formatOneItem("old-text");
    item.put("body_encoding", s("text"));
    item.put("body", s("hello"));
    LocalTables.local().client().putItem(r -> r.tableName(TABLE).item(item));

    CachedResponse read = backend.responses().get("old-text").orElseThrow();
    assertThat(read.body().utf8()).isEqualTo("hello");

    backend.responses().put("old-text", read, null);
    Map<String, AttributeValue> rewritten = LocalTables.rawItem(TABLE, "responses", "old-text");
    assertThat(rewritten.get("format").n()).isEqualTo("2");
    assertThat(rewritten).containsKey("body_crc32c").doesNotContainKey("body_size");
    assertThat(backend.responses().get("old-text").orElseThrow().body()).isEqualTo(read.body());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }
}
