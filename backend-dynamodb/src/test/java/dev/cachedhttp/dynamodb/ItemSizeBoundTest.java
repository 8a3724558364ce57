package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.dynamodb.internal.ItemSize;
import dev.cachedhttp.testkit.JsonRecords;
import dev.cachedhttp.testkit.MutableClock;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default item format is compact: an API-like JSON response cached through {@link
 * CachedClient} is stored in at most 1.1 × body + 1 KB by DynamoDB's size rules, at every size.
 */
class ItemSizeBoundTest {
  private final MutableClock clock = MutableClock.create();

  @ParameterizedTest
  @ValueSource(ints = {1024, 32 * 1024, 256 * 1024})
  void aStoredJsonResponseIsAtMostATenthLargerThanItsBodyPlusOneKilobyte(int size)
      throws Exception {
    String table = LocalTables.tableWithoutTtlDeletion("compact");
    ByteString body = JsonRecords.ofSize(size);
    try (MockWebServer origin = new MockWebServer();
        CachedClient cached = LocalTables.cachedClient(table, clock)) {
      origin.enqueue(new MockResponse.Builder().body(new Buffer().write(body))
          .addHeader("Content-Type", "application/json; charset=utf-8")
          .addHeader("Cache-Control", "max-age=3600").build());
      origin.start();
      Request request = new Request.Builder().url(origin.url("/items?page=1")).build();
      try (Response response = cached.client().newCall(request).execute()) {
        assertThat(response.body().byteString()).isEqualTo(body);
      }

      long itemBytes = ItemSize.of(LocalTables.onlyResponseItem(table));
      System.out.printf("%d-byte JSON body: %d-byte item (%.3f x)%n", size, itemBytes,
          (double) itemBytes / size);
      assertThat(itemBytes).isLessThanOrEqualTo((long) (1.1 * size) + 1024);
    }
  }
}
