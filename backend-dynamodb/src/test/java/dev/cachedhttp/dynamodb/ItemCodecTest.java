package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.dynamodb.internal.ItemSize;
import dev.cachedhttp.dynamodb.internal.JsonAttributes;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.RedirectHop;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.spi.StoredRequest;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What items look like in the table, and that every body encoding reads back exactly. */
class ItemCodecTest {
  private static final String TABLE = LocalTables.tableWithoutTtlDeletion("codec");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = MutableClock.create();
  private DynamoDbBackend backend = LocalTables.backend(TABLE, clock).build();

  @AfterEach
  void close() {
    backend.close();
  }

  private Map<String, AttributeValue> stored(String key) {
    return LocalTables.rawItem(TABLE, "responses", key);
  }

  private CachedResponse response(String contentType, ByteString body, Headers extra) {
    Headers.Builder headers = new Headers.Builder().add("Content-Type", contentType)
        .add("Set-Cookie-Free", "a").add("set-cookie-free", "b");
    extra.forEach(h -> headers.add(h.getFirst(), h.getSecond()));
    Instant now = clock.instant();
    return CachedResponse.builder()
        .url("https://api.example.com/items/7")
        .method("GET")
        .status(200)
        .message("OK")
        .headers(headers.build())
        .body(body)
        .request(new StoredRequest("GET", "https://api.example.com/items/7",
            Headers.of("Accept", "application/json")))
        .createdAt(now)
        .requestSentAt(now.minusMillis(12))
        .expires(now.plus(Duration.ofMinutes(10)))
        .history(List.of(new RedirectHop("https://api.example.com/old/7", 301)))
        .build();
  }

  private CachedResponse putAndRead(String key, CachedResponse response) {
    backend.responses().put(key, response, clock.instant().plusSeconds(3600));
    return backend.responses().get(key).orElseThrow();
  }

  private static final String PRETTY_JSON = "{\n  \"id\": 7,\n  \"name\": \"Ada\",\n"
      + "  \"price\": 10.50,\n  \"tags\": [\"a\", \"b\"],\n"
      + "  \"owner\": {\"note\": null, \"active\": true}\n}\n";

  @Test
  void jsonBodyIsAStringServedByteForByteByDefault() {
    ByteString body = ByteString.encodeUtf8(PRETTY_JSON);
    CachedResponse read = putAndRead("json", response("application/json; charset=utf-8", body,
        Headers.of("Content-Length", Integer.toString(body.size()))));

    Map<String, AttributeValue> item = stored("json");
    assertThat(item.get("body_encoding").s()).isEqualTo("text");
    assertThat(item.get("body").s()).isEqualTo(PRETTY_JSON);
    assertThat(read.body()).isEqualTo(body);
    assertThat(read.headers().get("Content-Length")).isEqualTo(Integer.toString(body.size()));
    assertThat(item.get("body_crc32c").n()).isEqualTo(Long.toString(crc32c(body)));
    assertThat(item).doesNotContainKey("body_size");
  }

  @Test
  void withJsonDocumentsAJsonBodyIsANativeMapServedJsonEqualWithItsContentLength()
      throws Exception {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).bodyFormat(BodyFormat.JSON_DOCUMENT).build();
    ByteString body = ByteString.encodeUtf8(PRETTY_JSON);
    CachedResponse read = putAndRead("json-doc", response("application/json; charset=utf-8",
        body, Headers.of("Content-Length", Integer.toString(body.size()))));

    Map<String, AttributeValue> item = stored("json-doc");
    assertThat(item.get("body_encoding").s()).isEqualTo("json");
    Map<String, AttributeValue> doc = item.get("body").m();
    assertThat(doc.get("id").n()).isEqualTo("7");
    assertThat(doc.get("name").s()).isEqualTo("Ada");
    assertThat(doc.get("price").n()).isEqualTo("10.5");
    assertThat(doc.get("tags").l()).extracting(AttributeValue::s).containsExactly("a", "b");
    assertThat(doc.get("owner").m().get("active").bool()).isTrue();
    assertThat(doc.get("owner").m().get("note").nul()).isTrue();

    assertThat(read.body().utf8()).isEqualTo("{\"id\":7,\"name\":\"Ada\",\"owner\":"
        + "{\"active\":true,\"note\":null},\"price\":10.5,\"tags\":[\"a\",\"b\"]}");
    assertThat(JSON.readTree(read.body().utf8())).isEqualTo(JSON.readTree(PRETTY_JSON));
    assertThat(read.headers().get("Content-Length")).isEqualTo(Integer.toString(read.body().size()));
    assertThat(item.get("headers").m().get("Content-Length").l().get(0).s())
        .isEqualTo(Integer.toString(read.body().size()));
    assertThat(item.get("body_crc32c").n()).isEqualTo(Long.toString(crc32c(read.body())));
  }

  @Test
  void withJsonDocumentsANoTransformResponseIsStillStoredByteForByte() {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).bodyFormat(BodyFormat.JSON_DOCUMENT).build();
    ByteString body = ByteString.encodeUtf8(PRETTY_JSON);
    CachedResponse read = putAndRead("no-transform", response("application/json", body,
        Headers.of("Cache-Control", "max-age=60, No-Transform")));

    assertThat(stored("no-transform").get("body_encoding").s()).isEqualTo("text");
    assertThat(read.body()).isEqualTo(body);
  }

  @Test
  void withJsonDocumentsAScalarJsonBodyIsStoredAsText() {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).bodyFormat(BodyFormat.JSON_DOCUMENT).build();
    ByteString body = ByteString.encodeUtf8("42");
    CachedResponse read = putAndRead("scalar", response("application/json", body, Headers.of()));

    assertThat(stored("scalar").get("body_encoding").s()).isEqualTo("text");
    assertThat(read.body()).isEqualTo(body);
  }

  static long crc32c(ByteString body) {
    CRC32C crc = new CRC32C();
    crc.update(body.toByteArray());
    return crc.getValue();
  }

  @Test
  void documentFieldsAreReadableAttributes() {
    CachedResponse original = response("text/plain", ByteString.encodeUtf8("hi"), Headers.of());
    backend.responses().put("doc", original, Instant.parse("2026-01-01T01:00:00.250Z"));

    Map<String, AttributeValue> item = stored("doc");
    assertThat(item.get("url").s()).isEqualTo("https://api.example.com/items/7");
    assertThat(item.get("method").s()).isEqualTo("GET");
    assertThat(item.get("status").n()).isEqualTo("200");
    assertThat(item.get("reason").s()).isEqualTo("OK");
    assertThat(item.get("created_at").s()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(item.get("expires").s()).isEqualTo("2026-01-01T00:10:00Z");
    assertThat(item.get("evict_at").s()).isEqualTo("2026-01-01T01:00:00.250Z");
    assertThat(item.get("ttl").n()).isEqualTo(Long.toString(
        Instant.parse("2026-01-01T01:00:01Z").getEpochSecond()));
    assertThat(item.get("headers").m().get("Set-Cookie-Free").l())
        .extracting(AttributeValue::s).containsExactly("a", "b");
    Map<String, AttributeValue> request = item.get("request").m();
    assertThat(request).doesNotContainKeys("method", "url");
    assertThat(item.get("format").n()).isEqualTo("2");
    assertThat(request.get("headers").m().get("Accept").l().get(0).s())
        .isEqualTo("application/json");
    Map<String, AttributeValue> hop = item.get("history").l().get(0).m();
    assertThat(hop.get("url").s()).isEqualTo("https://api.example.com/old/7");
    assertThat(hop.get("status").n()).isEqualTo("301");
    assertThat(item.get("body").s()).isEqualTo("hi");
    assertThat(item.get("body_encoding").s()).isEqualTo("text");
  }

  @Test
  void entriesThatNeverExpireHaveNoTtl() {
    backend.responses().put("forever", response("text/plain", ByteString.encodeUtf8("x"),
        Headers.of()), null);

    assertThat(stored("forever")).doesNotContainKeys("ttl", "evict_at");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html; charset=utf-8", "application/xml", "image/svg+xml",
      "application/javascript", "text/csv"})
  void textualBodiesAreStrings(String contentType) {
    String text = "<p>caf\u00e9 \u2603 \ud83d\ude00</p>\n";
    CachedResponse read = putAndRead("text", response(contentType, ByteString.encodeUtf8(text),
        Headers.of()));

    assertThat(stored("text").get("body").s()).isEqualTo(text);
    assertThat(read.body().utf8()).isEqualTo(text);
  }

  @Test
  void textInADeclaredCharsetIsAStringAndReadsBackInThatCharset() {
    byte[] latin1 = "na\u00efve caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    CachedResponse read = putAndRead("latin1", response("text/plain; charset=ISO-8859-1",
        ByteString.of(latin1), Headers.of()));

    assertThat(stored("latin1").get("body").s()).isEqualTo("na\u00efve caf\u00e9");
    assertThat(read.body()).isEqualTo(ByteString.of(latin1));
  }

  @Test
  void textThatIsNotValidInItsCharsetIsBinary() {
    ByteString invalid = ByteString.of((byte) 'o', (byte) 'k', (byte) 0xC3, (byte) 0x28);
    CachedResponse read = putAndRead("bad-utf8", response("text/plain", invalid, Headers.of()));

    assertThat(stored("bad-utf8").get("body_encoding").s()).isEqualTo("binary");
    assertThat(read.body()).isEqualTo(invalid);
  }

  @Test
  void binaryBodyIsBinary() {
    ByteString png = ByteString.of(randomBytes(2000, 1));
    CachedResponse read = putAndRead("png", response("image/png", png, Headers.of()));

    assertThat(stored("png").get("body_encoding").s()).isEqualTo("binary");
    assertThat(stored("png").get("body").b().asByteArray()).isEqualTo(png.toByteArray());
    assertThat(read.body()).isEqualTo(png);
  }

  @Test
  void bodiesAboveTheThresholdAreGzipped() {
    String text = "row,value\n".repeat(10_000);
    CachedResponse read = putAndRead("big", response("text/csv", ByteString.encodeUtf8(text),
        Headers.of("Content-Length", "100000")));

    Map<String, AttributeValue> item = stored("big");
    assertThat(item.get("body_encoding").s()).isEqualTo("gzip");
    assertThat(item.get("body").b().asByteArray().length).isLessThan(2_000);
    assertThat(read.body().utf8()).isEqualTo(text);
    assertThat(read.headers().get("Content-Length")).isEqualTo("100000");
  }

  @Test
  void aReadableBodyTooLargeForAnItemIsCompressedWhateverTheThreshold() {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).compressAbove(Integer.MAX_VALUE).build();
    String text = "0123456789abcdef".repeat(64 * 1024);
    CachedResponse read = putAndRead("huge-text", response("text/plain",
        ByteString.encodeUtf8(text), Headers.of()));

    assertThat(stored("huge-text").get("body_encoding").s()).isEqualTo("gzip");
    assertThat(read.body().size()).isEqualTo(text.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"\":\"empty key\"}",
      "{\"n\":123456789012345678901234567890123456789}",
      "{\"a\":1,\"a\":2}",
      "{\"truncated\":",
      "DEEP"})
  void withJsonDocumentsJsonDynamoDbCannotHoldIsStoredAsTextUnchanged(String json) {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).bodyFormat(BodyFormat.JSON_DOCUMENT).build();
    String body = json.equals("DEEP") ? JsonAttributesTest.nested(JsonAttributes.MAX_DEPTH + 1)
        : json;
    ByteString bytes = ByteString.encodeUtf8(body);
    CachedResponse read = putAndRead("fallback", response("application/json", bytes,
        Headers.of("Content-Length", Integer.toString(bytes.size()))));

    assertThat(stored("fallback").get("body_encoding").s()).isEqualTo("text");
    assertThat(stored("fallback").get("body").s()).isEqualTo(body);
    assertThat(read.body()).isEqualTo(bytes);
    assertThat(read.headers().get("Content-Length")).isEqualTo(Integer.toString(bytes.size()));
  }

  @Test
  void theDeepestNativeJsonIsAcceptedByDynamoDb() throws Exception {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).bodyFormat(BodyFormat.JSON_DOCUMENT).build();
    String deepest = JsonAttributesTest.nested(JsonAttributes.MAX_DEPTH);
    CachedResponse read = putAndRead("deep", response("application/json",
        ByteString.encodeUtf8(deepest), Headers.of()));

    assertThat(stored("deep").get("body_encoding").s()).isEqualTo("json");
    assertThat(JSON.readTree(read.body().utf8())).isEqualTo(JSON.readTree(deepest));
  }

  @Test
  void anItemJustUnderTheComputedLimitIsAcceptedByDynamoDb() {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).compressAbove(Integer.MAX_VALUE).build();
    ByteString body = ByteString.of(randomBytes(ItemSize.WRITABLE_ITEM_BYTES - 1_500, 2));

    CachedResponse read = putAndRead("near-limit", response("application/octet-stream", body,
        Headers.of()));

    assertThat(read.body()).isEqualTo(body);
  }

  @Test
  void aBodyLargerThanMaxBodyBytesIsSkippedAndLoggedOnce() {
    backend.close();
    backend = LocalTables.backend(TABLE, clock).maxBodyBytes(ItemSize.MAX_ITEM_BYTES).build();
    ByteString noise = ByteString.of(randomBytes(ItemSize.MAX_ITEM_BYTES + 10_000, 3));
    CachedResponse huge = response("application/octet-stream", noise, Headers.of());

    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> backend.responses().put("huge", huge, null))
            .isInstanceOf(StorageException.class)
            .isInstanceOf(EntryTooLargeException.class)
            .hasMessageContaining("not stored");
      }
      assertThat(log.linesContaining("WARN")).hasSize(1);
      assertThat(log.linesContaining("Skipped a cache write")).hasSize(1);
    }
    assertThat(backend.responses().get("huge")).isEmpty();
    assertThat(stored("huge")).isEmpty();
  }

  @Test
  void unreadableItemsAreStorageExceptions() {
    Map<String, AttributeValue> primaryKey = Map.of("namespace", AttributeValue.fromS("responses"),
        "key", AttributeValue.fromS("garbage"));
    Map<String, AttributeValue> garbage = new java.util.HashMap<>(primaryKey);
    garbage.put("format", AttributeValue.fromN("1"));
    garbage.put("status", AttributeValue.fromS("not a number"));
    LocalTables.local().client().putItem(r -> r.tableName(TABLE).item(garbage));

    assertThatThrownBy(() -> backend.responses().get("garbage"))
        .isInstanceOf(StorageException.class).hasMessageContaining("unreadable item");
    assertThatThrownBy(() -> backend.lookup("garbage")).isInstanceOf(StorageException.class);

    garbage.put("format", AttributeValue.fromN("99"));
    LocalTables.local().client().putItem(r -> r.tableName(TABLE).item(garbage));
    assertThatThrownBy(() -> backend.responses().get("garbage"))
        .isInstanceOf(StorageException.class).hasMessageContaining("format 99");
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
