package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
  void everyLineTheDemoPrintsSaysWhatItIs() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      Demo.runOnDynamoDbLocal(origin, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank()).toList();

    // a line is a labelled heading ("name: ..."), a table row under the heading of its table,
    // or an attribute of the item printed under "one stored item ..."
    assertThat(lines).allSatisfy(line -> assertThat(line).matches(
        "[A-Za-z][A-Za-z0-9 ]*:.*|  (from|NETWORK|CACHE) .*|  [a-z_0-9]+ +\\{\".*"));
    assertThat(lines).anyMatch(l -> l.startsWith("redirect target:"))
        .anyMatch(l -> l.matches("  CACHE +200 .* /users/3 .*"));
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
    assertThat(output).contains("stored item: one of the responses").containsPattern("\\n  status +\\{\"N\":\"200\"}")
        .contains("  body_encoding ").doesNotContain("demo-secret");
  }

  @Test
  void theDynamoDbDemoLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      Demo.runOnDynamoDbLocal(origin, new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8));
    }
    // DynamoDB Local's background jobs run on a pool that outlives one server: look at them
    // whether or not this run started them
    List<Thread> suspects = Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> !e.getKey().isDaemon())
        .filter(e -> !before.contains(e.getKey()) || Arrays.stream(e.getValue())
            .anyMatch(f -> f.getClassName().startsWith("software.amazon.dynamodb.")))
        .map(Map.Entry::getKey).toList();
    for (Thread thread : suspects) {
      thread.join(TimeUnit.SECONDS.toMillis(1)); // bounded: a thread that ends, ends at once
    }

    assertThat(suspects).filteredOn(Thread::isAlive).isEmpty();
  }

  @Test
  void theAwsQueryTheDemoPrintsWorksWithTheAwsCli() throws Exception {
    assumeThat(awsCliInstalled()).as("the AWS CLI (.ci/run installs it)").isTrue();
    try (DynamoDbLocal local = DynamoDbLocal.start();
        LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      Demo.run(origin, dev.cachedhttp.dynamodb.DynamoDbBackend.builder()
          .client(local.client()).tableName(DemoTable.TABLE).build(),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      ByteArrayOutputStream commands = new ByteArrayOutputStream();
      DemoTable.printCommands(local, new PrintStream(commands, true, StandardCharsets.UTF_8));
      String query = commands.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("  aws dynamodb query ")).findFirst().orElseThrow().strip();

      ProcessBuilder aws = new ProcessBuilder("sh", "-c", query).redirectErrorStream(true);
      aws.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      aws.environment().put("AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY_ID);
      aws.environment().put("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_ACCESS_KEY);
      Process process = aws.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(out).isZero();
      assertThat(out).contains("\"Count\": 3").contains("/users/2");
    }
  }

  static boolean awsCliInstalled() {
    try {
      Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
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
    assertThat(output).containsOnlyOnce("round 1: nothing is cached yet")
        .containsOnlyOnce("round 1: an earlier run left entries in the cache")
        .contains("written by an earlier run, 4 entries")
        .contains("$ sqlite3 " + file + " \"" + SqliteDemo.QUERY + "\"")
        .contains("/users/1|200|").doesNotContain("demo-secret");
  }
}
