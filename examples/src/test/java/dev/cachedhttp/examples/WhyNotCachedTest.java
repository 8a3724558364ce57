package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.testkit.LogCapture;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class WhyNotCachedTest {

  @Test
  void theReadmeListenerLogsEveryAnswerTheCacheDidNotStoreWithItsReason() throws Exception {
    try (MockWebServer origin = new MockWebServer(); LogCapture log = LogCapture.start();
        CachedClient cached = WhyNotCached.cache()) {
      origin.enqueue(new MockResponse.Builder().code(404).body("missing").build());
      origin.enqueue(new MockResponse.Builder().body("kept").build());
      origin.start();

      try (Response missing = cached.client().newCall(
          new Request.Builder().url(origin.url("/missing")).build()).execute();
          Response kept = cached.client().newCall(
              new Request.Builder().url(origin.url("/kept")).build()).execute()) {
        assertThat(missing.code()).isEqualTo(404);
        assertThat(kept.code()).isEqualTo(200);
      }

      List<String> lines = awaitLines(log, "not cached:");
      assertThat(lines).singleElement().asString()
          .contains("GET " + origin.url("/missing")).contains("404")
          .contains("STATUS_NOT_ALLOWED");
    }
  }

  /** Listeners run on the cache's own thread: waits (bounded) for their lines. */
  private static List<String> awaitLines(LogCapture log, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (log.linesContaining(text).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return log.linesContaining(text);
  }
}
