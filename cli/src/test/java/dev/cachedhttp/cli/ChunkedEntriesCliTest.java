package dev.cachedhttp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI over a table holding a body too large for one item (a head and its chunk items): one
 * entry to {@code ls}, {@code stats} and {@code export}, and nothing left by {@code rm} and
 * {@code purge}.
 */
class ChunkedEntriesCliTest {
  private static final String URL = "https://example.com/big.bin";

  private final DynamoDbLocal local = DynamoDbLocal.shared();
  private final String table = "cli_chunks_" + System.nanoTime();
  private ByteString body;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @BeforeEach
  void fill() {
    byte[] bytes = new byte[1 << 20];
    new Random(7).nextBytes(bytes);
    body = ByteString.of(bytes);
    try (DynamoDbBackend backend = DynamoDbBackend.builder().tableName(table)
        .client(local.client()).ttl(false).build()) {
      backend.responses().put("big", CachedResponse.builder().url(URL).method("GET").status(200)
          .headers(Headers.of("Content-Type", "application/octet-stream")).body(body)
          .createdAt(Instant.now()).build(), Instant.now().plusSeconds(3_600));
    }
    assertThat(itemCount()).as("a head and its chunks").isGreaterThan(1);
  }

  @AfterEach
  void drop() {
    local.client().deleteTable(r -> r.tableName(table));
  }

  private int itemCount() {
    return local.client().scanPaginator(r -> r.tableName(table).consistentRead(true)).stream()
        .mapToInt(page -> page.count()).sum();
  }

  private CliTest.Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--table", table, "--region", DynamoDbLocal.REGION,
        "--endpoint", local.endpoint().toString()));
    return CliTest.cli("", all);
  }

  @Test
  void lsAndStatsShowOneEntryAndExportItsWholeBody() {
    CliTest.Run ls = cli("ls");
    assertThat(ls.out().lines()).hasSize(1).allMatch(line -> line.startsWith("big "));

    String stats = cli("stats", "--json").out();
    assertThat(stats).contains("\"namespace\":\"responses\",\"entries\":1,");

    CliTest.Run export = cli("export", "-");
    assertThat(export.status()).as(export.err()).isZero();
    assertThat(export.out().lines()).hasSize(1);
    assertThat(export.out()).contains(body.base64().substring(0, 64));
  }

  @Test
  void rmLeavesNoChunkBehind() {
    CliTest.Run rm = cli("rm", "big");

    assertThat(rm.status()).as(rm.err()).isZero();
    assertThat(itemCount()).isZero();
  }

  @Test
  void purgeAllLeavesNoChunkBehind() {
    CliTest.Run purge = cli("purge", "--all", "--yes");

    assertThat(purge.out()).contains("deleted 1 responses");
    assertThat(itemCount()).isZero();
  }
}
