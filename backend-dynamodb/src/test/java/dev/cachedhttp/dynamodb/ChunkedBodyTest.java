package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.dynamodb.internal.ChunkedBodies;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StorageException;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Bodies too large for one DynamoDB item, stored as a head and chunk items in its partition: a
 * hit for another instance in two requests, listings and deletes that see one entry, overwrites
 * that leave no chunk behind, and damaged chunks that read as unreadable, never as a body.
 */
class ChunkedBodyTest {
  private static final int THREE_MIB = 3 << 20;

  private final MutableClock clock = MutableClock.create();
  private String table;
  private DynamoDbBackend backend;

  @BeforeEach
  void createTable() {
    table = LocalTables.tableWithoutTtlDeletion("chunks");
    backend = LocalTables.backend(table, clock).writeTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void close() {
    backend.close();
  }

  private static ByteString incompressible(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return ByteString.of(bytes);
  }

  private CachedResponse response(ByteString body) {
    return CachedResponse.builder().url("https://example.com/big").method("GET").status(200)
        .headers(Headers.of("Content-Type", "application/octet-stream"))
        .body(body).createdAt(clock.instant()).build();
  }

  private List<Map<String, AttributeValue>> items() {
    return LocalTables.local().client().scanPaginator(r -> r.tableName(table)
        .consistentRead(true)).items().stream().toList();
  }

  private List<Map<String, AttributeValue>> chunkItems() {
    return items().stream().filter(item -> item.containsKey(ChunkedBodies.CHUNK_OF)).toList();
  }

  @Test
  void aThreeMebibyteBodyStoredByOneInstanceIsAByteExactHitForAnotherInTwoRequests()
      throws IOException {
    ByteString body = incompressible(THREE_MIB, 1);
    try (MockWebServer origin = new MockWebServer()) {
      origin.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/zip")
          .body(new Buffer().write(body)).build());
      origin.start();
      String url = origin.url("/archive.zip").toString();
      try (CachedClient first = CachedClient.builder().backend(backend)
          .expireAfter(Duration.ofHours(1)).writeMode(WriteMode.SYNC).build()) {
        assertThat(get(first.client(), url).body).isEqualTo(body);
        assertThat(first.stats().writes()).as("%s", first.stats()).isEqualTo(1);
      }

      try (RecordingClient recording = new RecordingClient();
          CachedClient second = CachedClient.builder().backend(DynamoDbBackend.builder()
              .client(recording.client()).tableName(table).createTable(false).build())
              .expireAfter(Duration.ofHours(1)).build()) {
        recording.reset();
        Fetched hit = get(second.client(), url);
        assertThat(hit.source).isEqualTo(CacheInfo.Source.CACHE);
        assertThat(hit.body).isEqualTo(body);
        assertThat(recording.operations()).as("the lookup, then the chunks")
            .containsExactly("BatchGetItem", "BatchGetItem");
      }
      assertThat(origin.getRequestCount()).isEqualTo(1);
    }
  }

  private record Fetched(ByteString body, CacheInfo.Source source) {}

  private static Fetched get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return new Fetched(response.body().byteString(), CacheInfo.of(response).source());
    }
  }

  @Test
  void chunksCarryTheWriteIdAndTheHeadsTtlAndListingsSeeOneEntry() {
    Instant expires = clock.instant().plusSeconds(600);
    backend.responses().put("k", response(incompressible(1 << 20, 2)), expires);

    List<Map<String, AttributeValue>> chunks = chunkItems();
    Map<String, AttributeValue> head = LocalTables.onlyResponseItemWithout(table,
        ChunkedBodies.CHUNK_OF);
    assertThat(chunks).hasSize(3);
    assertThat(head).doesNotContainKey("body").containsKey(ChunkedBodies.CHUNK_COUNT);
    for (Map<String, AttributeValue> chunk : chunks) {
      assertThat(chunk.get(ChunkedBodies.WRITE_ID)).isEqualTo(head.get(ChunkedBodies.WRITE_ID));
      assertThat(chunk.get(TableLayout.TTL_ATTRIBUTE))
          .isEqualTo(head.get(TableLayout.TTL_ATTRIBUTE)).isNotNull();
      assertThat(chunk.get(TableLayout.PARTITION_KEY))
          .isEqualTo(head.get(TableLayout.PARTITION_KEY));
    }
    assertThat(backend.responses().keys()).containsExactly("k");
    assertThat(backend.responses().count()).isEqualTo(1);
    assertThat(backend.responses().get("k")).get().extracting(CachedResponse::body)
        .isEqualTo(incompressible(1 << 20, 2));
  }

  @ParameterizedTest(name = "overwritten by a body of {0} bytes")
  @ValueSource(ints = {10, 1 << 20})
  void anOverwriteLeavesOnlyTheNewBodysChunks(int size) {
    backend.responses().put("k", response(incompressible(1 << 20, 3)), null);
    backend.responses().put("k", response(incompressible(size, 4)), null);

    assertThat(backend.responses().get("k")).get().extracting(CachedResponse::body)
        .isEqualTo(incompressible(size, 4));
    assertThat(chunkItems()).hasSize(size > 400_000 ? 3 : 0);
  }

  @Test
  void deletesLeaveNoChunkBehind() {
    backend.responses().put("a", response(incompressible(1 << 20, 5)), null);
    backend.responses().put("b", response(incompressible(1 << 20, 6)), null);
    backend.responses().put("c", response(incompressible(1 << 20, 7)), null);
    backend.responses().put("small", response(ByteString.encodeUtf8("small")), null);

    assertThat(backend.responses().delete("a")).isTrue();
    assertThat(backend.responses().delete("a")).isFalse();
    assertThat(backend.responses().deleteAll(List.of("b", "small", "missing"))).isEqualTo(3);
    assertThat(backend.responses().keys()).containsExactly("c");
    backend.responses().clear();

    assertThat(items()).isEmpty();
  }

  @Test
  void aPrefixDeletionTakesTheChunksWithTheirEntries() {
    backend.responses().put("url1.a", response(incompressible(1 << 20, 9)), null);
    backend.responses().put("url1-b", response(ByteString.encodeUtf8("small")), null);
    backend.responses().put("url2.c", response(incompressible(1 << 20, 10)), null);

    backend.responses().deleteWithPrefix("url1");

    assertThat(backend.responses().keys()).containsExactly("url2.c");
    assertThat(items()).allSatisfy(item -> assertThat(item.get("key").s()).startsWith("url2"));
    assertThat(backend.responses().get("url2.c")).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"missing chunk", "flipped byte", "chunk of another write",
      "chunk of another entry", "short chunk", "head names more chunks", "head names 10^6 chunks"})
  void aDamagedChunkMakesTheEntryUnreadableNeverAnotherBody(String damage) {
    backend.responses().put("k", response(incompressible(1 << 20, 8)), null);
    Map<String, AttributeValue> chunk = chunkItems().get(0);
    damage(damage, chunk);

    assertThatThrownBy(() -> backend.responses().get("k")).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> backend.lookup("k")).isInstanceOf(StorageException.class);
  }

  private void damage(String damage, Map<String, AttributeValue> chunk) {
    Map<String, AttributeValue> head = LocalTables.onlyResponseItemWithout(table,
        ChunkedBodies.CHUNK_OF);
    switch (damage) {
      case "missing chunk" -> LocalTables.local().client().deleteItem(r -> r.tableName(table)
          .key(Map.of(TableLayout.PARTITION_KEY, chunk.get(TableLayout.PARTITION_KEY),
              TableLayout.SORT_KEY, chunk.get(TableLayout.SORT_KEY))));
      case "flipped byte" -> replace(chunk, c -> {
        byte[] data = c.get(ChunkedBodies.DATA).b().asByteArray();
        data[100] ^= 1;
        c.put(ChunkedBodies.DATA, AttributeValue.fromB(SdkBytes.fromByteArray(data)));
      });
      case "chunk of another write" -> replace(chunk,
          c -> c.put(ChunkedBodies.WRITE_ID, AttributeValue.fromS("0000000000000000")));
      case "chunk of another entry" -> replace(chunk,
          c -> c.put(ChunkedBodies.CHUNK_OF, AttributeValue.fromS("other")));
      case "short chunk" -> replace(chunk, c -> c.put(ChunkedBodies.DATA,
          AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10]))));
      case "head names more chunks" -> replace(head,
          h -> h.put(ChunkedBodies.CHUNK_COUNT, AttributeValue.fromN("4")));
      case "head names 10^6 chunks" -> replace(head,
          h -> h.put(ChunkedBodies.CHUNK_COUNT, AttributeValue.fromN("1000000")));
      default -> throw new IllegalArgumentException(damage);
    }
  }

  private void replace(Map<String, AttributeValue> item,
      Consumer<Map<String, AttributeValue>> change) {
    Map<String, AttributeValue> changed = new java.util.HashMap<>(item);
    change.accept(changed);
    LocalTables.local().client().putItem(r -> r.tableName(table).item(changed));
  }
}
