package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Through {@link CachedClient}: a damaged item is never served; the call goes to the origin, the
 * failure is counted as a backend error and logged once, and the next store rewrites the entry.
 */
class DamagedItemEndToEndTest {
  private static final String BODY = "[{\"id\":0,\"name\":\"item-000000\",\"price\":0.0}]";
  private static final String DAMAGED = BODY.replace("item-000000", "item-999999");

  private final MutableClock clock = MutableClock.create();

  @Test
  void aDamagedItemIsAMissCountedLoggedOnceAndRewrittenByTheNextStore() throws Exception {
    String table = LocalTables.tableWithoutTtlDeletion("damaged_e2e");
    try (MockWebServer origin = new MockWebServer();
        CachedClient cached = LocalTables.cachedClient(table, clock)) {
      for (int i = 0; i < 3; i++) {
        origin.enqueue(new MockResponse.Builder().body(BODY)
            .addHeader("Content-Type", "application/json")
            .addHeader("Cache-Control", "max-age=3600").build());
      }
      origin.start();
      String url = origin.url("/items").toString();
      OkHttpClient client = cached.client();
      assertThat(get(client, url)).isEqualTo(CacheInfo.Source.NETWORK);

      try (LogCapture log = LogCapture.start()) {
        damage(table);
        assertThat(get(client, url)).isEqualTo(CacheInfo.Source.NETWORK);
        assertThat(cached.stats().backendErrors()).isEqualTo(1);
        assertThat(LocalTables.onlyResponseItem(table).get("body").s()).isEqualTo(BODY);
        assertThat(get(client, url)).isEqualTo(CacheInfo.Source.CACHE);

        damage(table);
        assertThat(get(client, url)).isEqualTo(CacheInfo.Source.NETWORK);
        assertThat(cached.stats().backendErrors()).isEqualTo(2);
        assertThat(origin.getRequestCount()).isEqualTo(3);
        List<String> warnings = log.linesContaining("WARN");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("checksum");
      }
    }
  }

  /** Changes the body text of the only stored response, keeping its checksum. */
  private static void damage(String table) {
    Map<String, AttributeValue> item = new HashMap<>(LocalTables.onlyResponseItem(table));
    item.put("body", AttributeValue.fromS(DAMAGED));
    LocalTables.local().client().putItem(r -> r.tableName(table).item(item));
  }

  /** GETs {@code url}, checks the body is the origin's, and returns where it came from. */
  private static CacheInfo.Source get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.body().string()).isEqualTo(BODY);
      return CacheInfo.of(response).source();
    }
  }
}
