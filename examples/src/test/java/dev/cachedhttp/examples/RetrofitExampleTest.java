package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrofitExampleTest {
  @Test
  void syncAndAsyncRetrofitCallsAreServedFromTheCacheTheSecondTime() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      CacheStats stats = RetrofitExample.run(origin,
          new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(origin.requestCount()).isEqualTo(2);
      assertThat(stats.hits()).isEqualTo(2);
      assertThat(stats.misses()).isEqualTo(2);
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).containsSubsequence(
        "  sync  MISS    200  User 1 ([reader, writer])",
        "  async MISS    200  User 2 ([reader, writer])",
        "  sync  HIT     200  User 1 ([reader, writer])",
        "  async HIT     200  User 2 ([reader, writer])");
  }
}
