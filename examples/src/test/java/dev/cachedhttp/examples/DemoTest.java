package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.memory.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void demoServesTheSecondRoundAndTheRedirectTargetFromTheCache() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      CacheStats stats = Demo.run(origin, MemoryBackend.create(),
          new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(origin.requestCount()).isEqualTo(4);
      assertThat(stats.hits()).isEqualTo(4);
      assertThat(stats.misses()).isEqualTo(3);
      assertThat(stats.backendErrors()).isZero();
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("round 2").contains("CACHE").doesNotContain("demo-secret");
    assertThat(output.lines().filter(l -> l.contains("CACHE")).count()).isEqualTo(4);
  }

  @Test
  void dynamoDbDemoStoresReadableItemsInDynamoDbLocal() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      CacheStats stats = Demo.runOnDynamoDbLocal(origin,
          new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(origin.requestCount()).isEqualTo(4);
      assertThat(stats.hits()).isEqualTo(4);
      assertThat(stats.backendErrors()).isZero();
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("aws dynamodb query").contains("\"status\"")
        .contains("\"body_encoding\"").doesNotContain("demo-secret");
  }
}
