package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.HostileDocuments;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.NoDelayServerSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hostile items in a real DynamoDB table, planted as someone with write access to it would: the
 * table of hostile documents written through the backend's own codec, and raw items the codec
 * would never write. Every call succeeds with the origin's answer or a well-formed cached one.
 */
class HostileItemsTest {
  private final MutableClock clock = MutableClock.create();

  private static MockWebServer origin() throws Exception {
    MockWebServer origin = new MockWebServer();
    origin.setServerSocketFactory(new NoDelayServerSockets());
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body("from the origin").addHeader("ETag", "\"o\"")
            .addHeader("Cache-Control", "max-age=60").build();
      }
    });
    origin.start();
    return origin;
  }

  private CachedClient cached(String table) {
    return CachedClient.builder().backend(LocalTables.backend(table, clock).build())
        .cacheControl(true).cacheStatusHeader(true).writeMode(WriteMode.SYNC).clock(clock)
        .build();
  }

  @Test
  void hostileDocumentsWrittenThroughTheCodecNeverFailACall() throws Exception {
    String table = LocalTables.tableWithoutTtlDeletion("hostile_documents");
    List<String> failures = new ArrayList<>();
    try (MockWebServer origin = origin(); CachedClient cached = cached(table)) {
      HttpUrl url = origin.url("/x");
      OkHttpClient client = cached.client();
      String key = cached.inspector().keyOf(new Request.Builder().url(url).build()).orElseThrow();
      for (Map.Entry<String, UnaryOperator<CachedResponse.Builder>> row
          : HostileDocuments.table(url).entrySet()) {
        for (boolean fresh : new boolean[] {true, false}) {
          CachedResponse planted;
          try {
            planted = row.getValue().apply(HostileDocuments.base(url, clock.instant(), fresh))
                .build();
            cached.backend().responses().put(key, planted, null);
          } catch (RuntimeException refusedByTheBuilderOrTheCodec) {
            continue;
          }
          for (Request request : HostileDocuments.requests(url)) {
            String problem = HostileDocuments.problemWith(client, request);
            if (problem != null) {
              failures.add(row.getKey() + (fresh ? " (fresh)" : " (stale)") + " with "
                  + request.headers().names() + ": " + problem);
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Raw changes to a valid stored item, by name. */
  private static Map<String, UnaryOperator<Map<String, AttributeValue>>> rawChanges() {
    Map<String, UnaryOperator<Map<String, AttributeValue>>> changes = new LinkedHashMap<>();
    changes.put("status 0", item -> with(item, "status", AttributeValue.fromN("0")));
    changes.put("status 1000", item -> with(item, "status", AttributeValue.fromN("1000")));
    changes.put("status not a number", item -> with(item, "status", AttributeValue.fromS("x")));
    changes.put("status missing", item -> without(item, "status"));
    changes.put("url missing", item -> without(item, "url"));
    changes.put("headers not a map", item -> with(item, "headers", AttributeValue.fromS("x")));
    changes.put("header value with CRLF", item -> with(item, "headers", AttributeValue.fromM(
        Map.of("X-Note", AttributeValue.fromS("a\r\nSet-Cookie: s=1")))));
    changes.put("header value a number", item -> with(item, "headers", AttributeValue.fromM(
        Map.of("X-Note", AttributeValue.fromN("1")))));
    changes.put("created far future", item -> with(item, "created_at",
        AttributeValue.fromS("+1000000000-12-31T23:59:59Z")));
    changes.put("created garbage", item -> with(item, "created_at", AttributeValue.fromS("x")));
    changes.put("expires far future", item -> with(item, "expires",
        AttributeValue.fromS("+1000000000-12-31T23:59:59Z")));
    changes.put("body changed", item -> with(item, "body", AttributeValue.fromS("other")));
    changes.put("checksum garbage", item -> with(item, "body_crc32c", AttributeValue.fromS("x")));
    changes.put("gzip body that is not gzip", item -> gzipBody(item,
        "not gzip".getBytes(StandardCharsets.UTF_8)));
    changes.put("gzip body of other bytes", item -> gzipBody(item, gzip(new byte[] {'o'}, 0)));
    changes.put("gzip body with bytes after its end", item -> gzipBody(item,
        gzip("from the origin".getBytes(StandardCharsets.UTF_8), 3)));
    changes.put("gzip bomb beyond the body limit", item -> gzipBody(item,
        gzip(new byte[(int) DynamoDbBackend.DEFAULT_MAX_BODY_BYTES * 2], 0)));
    changes.put("message with CRLF", item -> with(item, "message", AttributeValue.fromS("a\r\n")));
    changes.put("everything removed", item -> {
      Map<String, AttributeValue> keys = new HashMap<>();
      keys.put("namespace", item.get("namespace"));
      keys.put("key", item.get("key"));
      return keys;
    });
    return changes;
  }

  /** {@code item} with a Binary body stored as gzip, its checksum left as it was. */
  private static Map<String, AttributeValue> gzipBody(Map<String, AttributeValue> item,
      byte[] body) {
    Map<String, AttributeValue> changed = with(item, "body_encoding", AttributeValue.fromS("gzip"));
    changed.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(body)));
    return changed;
  }

  /** {@code bytes} gzip-compressed, followed by {@code trailing} zero bytes. */
  private static byte[] gzip(byte[] bytes, int trailing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write(new byte[trailing], 0, trailing);
    return out.toByteArray();
  }

  private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name,
      AttributeValue value) {
    Map<String, AttributeValue> changed = new HashMap<>(item);
    changed.put(name, value);
    return changed;
  }

  private static Map<String, AttributeValue> without(Map<String, AttributeValue> item,
      String name) {
    Map<String, AttributeValue> changed = new HashMap<>(item);
    changed.remove(name);
    return changed;
  }

  @Test
  void rawItemsTheCodecWouldNeverWriteNeverFailACall() throws Exception {
    String table = LocalTables.tableWithoutTtlDeletion("hostile_raw_items");
    List<String> failures = new ArrayList<>();
    try (MockWebServer origin = origin(); CachedClient cached = cached(table)) {
      HttpUrl url = origin.url("/raw");
      OkHttpClient client = cached.client();
      assertThat(HostileDocuments.problemWith(client, new Request.Builder().url(url).build()))
          .isNull();
      Map<String, AttributeValue> valid = LocalTables.onlyResponseItem(table);
      for (Map.Entry<String, UnaryOperator<Map<String, AttributeValue>>> change
          : rawChanges().entrySet()) {
        Map<String, AttributeValue> planted = change.getValue().apply(valid);
        LocalTables.local().client().putItem(r -> r.tableName(table).item(planted));
        for (Request request : HostileDocuments.requests(url)) {
          String problem = HostileDocuments.problemWith(client, request);
          if (problem != null) {
            failures.add(change.getKey() + " with " + request.headers().names() + ": " + problem);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
