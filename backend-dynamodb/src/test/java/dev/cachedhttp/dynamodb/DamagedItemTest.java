package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items damaged in the table (written directly with the SDK) are never served: every read of one
 * is a {@link StorageException}, which the cache counts as a backend error and treats as a miss.
 */
class DamagedItemTest {
  private static final String TABLE = LocalTables.tableWithoutTtlDeletion("damaged");
  private static final ByteString TEXT = ByteString.encodeUtf8(
      "{\"id\":1,\"name\":\"item-000001\",\"tags\":[\"alpha\",\"beta\"]}");
  private static final ByteString BINARY = randomBytes(3000);
  private static final ByteString COMPRESSIBLE = ByteString.encodeUtf8("row,value\n".repeat(5000));

  private final MutableClock clock = MutableClock.create();
  private final DynamoDbBackend backend = LocalTables.backend(TABLE, clock).build();

  @AfterEach
  void close() {
    backend.close();
  }

  static Stream<Arguments> damages() {
    return Stream.of(
        damage("body as a number", TEXT, "application/json",
            item -> with(item, "body", AttributeValue.fromN("25"))),
        damage("missing status", TEXT, "application/json", item -> without(item, "status")),
        damage("headers as a string", TEXT, "application/json",
            item -> with(item, "headers", AttributeValue.fromS("Content-Type: text/plain"))),
        damage("unknown body_encoding", TEXT, "application/json",
            item -> with(item, "body_encoding", AttributeValue.fromS("brotli"))),
        damage("garbage created_at", TEXT, "application/json",
            item -> with(item, "created_at", AttributeValue.fromS("yesterday-ish"))),
        damage("keys only", TEXT, "application/json", DamagedItemTest::keysOnly),
        damage("missing checksum", TEXT, "application/json",
            item -> without(item, "body_crc32c")),
        damage("checksum as a string", TEXT, "application/json",
            item -> with(item, "body_crc32c", AttributeValue.fromS("123"))),
        damage("flipped byte in a text body", TEXT, "application/json",
            item -> with(item, "body", AttributeValue.fromS(item.get("body").s()
                .replace("item-000001", "item-000002")))),
        damage("flipped byte in a binary body", BINARY, "image/png",
            item -> with(item, "body", flipped(item.get("body")))),
        damage("flipped byte in a compressed body", COMPRESSIBLE, "text/csv",
            item -> with(item, "body", flipped(item.get("body")))));
  }

  private static Arguments damage(String name, ByteString body, String contentType,
      UnaryOperator<Map<String, AttributeValue>> damage) {
    return Arguments.of(name, body, contentType, damage);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void aDamagedItemIsAStorageExceptionOnEveryRead(String name, ByteString body,
      String contentType, UnaryOperator<Map<String, AttributeValue>> damage) {
    String key = name.replace(' ', '-');
    backend.responses().put(key, response(body, contentType), null);
    Map<String, AttributeValue> good = LocalTables.rawItem(TABLE, "responses", key);
    assertThat(backend.responses().get(key).orElseThrow().body()).isEqualTo(body);

    Map<String, AttributeValue> bad = damage.apply(new HashMap<>(good));
    LocalTables.local().client().putItem(r -> r.tableName(TABLE).item(bad));

    assertThatThrownBy(() -> backend.responses().get(key))
        .isInstanceOf(StorageException.class).hasMessageContaining("unreadable item");
    assertThatThrownBy(() -> backend.lookup(key))
        .isInstanceOf(StorageException.class).hasMessageContaining("unreadable item");
  }

  static CachedResponse response(ByteString body, String contentType) {
    return CachedResponse.builder().url("https://api.example.com/items").method("GET")
        .status(200).message("OK")
        .headers(Headers.of("Content-Type", contentType,
            "Content-Length", Integer.toString(body.size())))
        .body(body).createdAt(MutableClock.create().instant()).build();
  }

  private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name,
      AttributeValue value) {
    item.put(name, value);
    return item;
  }

  private static Map<String, AttributeValue> without(Map<String, AttributeValue> item,
      String name) {
    item.remove(name);
    return item;
  }

  private static Map<String, AttributeValue> keysOnly(Map<String, AttributeValue> item) {
    item.keySet().retainAll(java.util.Set.of("namespace", "key"));
    return item;
  }

  /** The binary value with one byte in its middle changed. */
  static AttributeValue flipped(AttributeValue binary) {
    byte[] bytes = binary.b().asByteArray();
    bytes[bytes.length / 2] ^= 0x01;
    return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
  }

  private static ByteString randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return ByteString.of(bytes);
  }
}
