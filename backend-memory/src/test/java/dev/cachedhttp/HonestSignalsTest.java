package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.testkit.LogCapture;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user is told when the cache cannot do what they may expect of it. */
class HonestSignalsTest extends OriginFixture {
  @Test
  void callsAfterCloseBypassTheCacheAndTheFirstOneLogsIt() throws Exception {
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(5)));
    enqueue("a", "b", "c");
    get(client, "/x");
    cached.close();

    try (LogCapture log = LogCapture.start()) {
      Result first = get(client, "/x");
      Result second = get(client, "/x");

      assertThat(first.info().source()).isEqualTo(CacheInfo.Source.BYPASS);
      assertThat(second.body()).isEqualTo("c");
      assertThat(log.linesContaining("CachedClient is closed")).hasSize(1);
    }
    assertThat(cached.stats().bypassed()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"keys", "urls", "contains", "get", "delete", "deleteUrls",
      "deleteExpired", "clear", "count", "keyOf"})
  void everyInspectorMethodThrowsAfterClose(String method) {
    cached = builder().build();
    CacheInspector inspector = cached.inspector();
    cached.close();

    assertThatThrownBy(() -> call(inspector, method))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("CachedClient is closed");
    assertThatThrownBy(() -> cached.inspector().count())
        .isInstanceOf(IllegalStateException.class);
  }

  private static void call(CacheInspector inspector, String method) {
    switch (method) {
      case "keys" -> inspector.keys();
      case "urls" -> inspector.urls();
      case "contains" -> inspector.contains("http://example.com/");
      case "get" -> inspector.get("k");
      case "delete" -> inspector.delete("k");
      case "deleteUrls" -> inspector.deleteUrls("http://example.com/");
      case "deleteExpired" -> inspector.deleteExpired();
      case "clear" -> inspector.clear();
      case "count" -> inspector.count();
      case "keyOf" -> inspector.keyOf(new Request.Builder()
          .url("http://example.com/").build());
      default -> throw new IllegalArgumentException(method);
    }
  }

  @Test
  void aResponseTooLargeToStoreIsLoggedOncePerMinute() throws Exception {
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(5)).maxBodyBytes(4));
    enqueue("too large", "too large", "too large");

    try (LogCapture log = LogCapture.start()) {
      Result first = get(client, "/big");
      get(client, "/big");
      assertThat(log.linesContaining("larger than 4 bytes")).hasSize(1);
      clock.advance(Duration.ofMinutes(1));
      get(client, "/big");

      assertThat(first.body()).isEqualTo("too large");
      assertThat(first.info().stored()).isFalse();
      assertThat(log.linesContaining("larger than 4 bytes")).hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("GET http://").contains("WARN"));
    }
    assertThat(cached.stats().writesSkipped()).isEqualTo(3);
  }
}
