package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.memory.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void sqliteDemoServesItsSecondRunFromTheFileTheFirstWrote(@TempDir Path folder)
      throws Exception {
    Path file = folder.resolve("http_cache.db");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO, port)) {
      assertThat(SqliteDemo.run(origin, file, out).hits()).isEqualTo(4);
      assertThat(origin.requestCount()).isEqualTo(4);
    }

    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO, port)) {
      CacheStats second = SqliteDemo.run(origin, file, out);

      assertThat(origin.requestCount()).isZero();
      assertThat(second.hits()).isEqualTo(7);
      assertThat(second.backendErrors()).isZero();
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("written by an earlier run, 4 entries")
        .contains("$ sqlite3 " + file + " \"" + SqliteDemo.QUERY + "\"")
        .contains("/users/1|200|").doesNotContain("demo-secret");
  }
}
