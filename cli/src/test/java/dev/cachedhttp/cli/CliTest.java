package dev.cachedhttp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command end to end against DynamoDB Local, after a real CachedClient filled the table. */
class CliTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The table of the tests that only read: filled once. */
  private static FilledTable shared;

  /** The table of this test. */
  private FilledTable filled;

  /** A table of this test's own, for tests that delete. */
  private FilledTable own;

  @BeforeAll
  static void fillShared() throws IOException {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    shared = FilledTable.create(null);
  }

  @AfterAll
  static void dropShared() {
    shared.close();
  }

  @BeforeEach
  void useShared() {
    filled = shared;
  }

  /** Switches this test to a freshly filled table of its own. */
  private void ownTable() throws IOException {
    own = FilledTable.create(null);
    filled = own;
  }

  @AfterEach
  void dropOwn() {
    if (own != null) {
      own.close();
    }
  }

  record Run(int status, String out, String err) {}

  static Run cli(String stdin, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CachedHttpCli.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private Run cli(String... args) {
    return cliWithInput("", args);
  }

  private Run cliWithInput(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(filled.tableArgs());
    return cli(stdin, all);
  }

  private String url(String path) {
    return filled.url(path);
  }

  @Test
  void lsListsResponsesWithStatusUrlAndStateAndRedirectsWithTheirTarget() {
    Run run = cli("ls");

    assertThat(run.status()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines).anyMatch(l -> l.contains("200 fresh") && l.contains(url("/users/1")));
    assertThat(lines).anyMatch(l -> l.contains("200 evicted") || l.contains("200 stale"));
    assertThat(lines).filteredOn(l -> l.contains("alias fresh  redirect -> ")).hasSize(1);
    assertThat(run.out()).doesNotContain("secret");
  }

  @Test
  void lsFiltersByUrlPrefixExpiryAndLimitAndWritesJson() throws IOException {
    assertThat(cli("ls", "--url-prefix", url("/users/1")).out().lines())
        .singleElement().asString().contains(url("/users/1"));
    assertThat(cli("ls", "--expired").out().lines())
        .singleElement().asString().contains(url("/stale/9"));
    assertThat(cli("ls", "--limit", "2").out().lines()).hasSize(2);
    assertThat(cli("ls", "--namespace", "redirects").out().lines()).hasSize(1);

    List<String> json = cli("ls", "--json", "--namespace", "responses").out().lines().toList();
    assertThat(json).hasSize(5);
    JsonNode first = MAPPER.readTree(json.get(0));
    assertThat(first.get("key").asText()).hasSize(65);
    assertThat(first.get("status").asInt()).isEqualTo(200);
    assertThat(first.has("created_at")).isTrue();
  }

  @Test
  void showPrintsTheStoredResponseWithJsonPrettyPrinted() {
    Run run = cli("show", url(FilledTable.JSON_PATH), "--ignored-parameter", "api_key",
        "--body");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("HTTP/1.1 200 OK").contains("Content-Type: application/json")
        .contains("(fresh)").contains("{\n  \"").contains("\n  \"name\" : \"Ada\"")
        .doesNotContain("secret");
  }

  @Test
  void showNeedsTheApplicationsIgnoredParametersToFindAUrl() {
    Run run = cli("show", url(FilledTable.JSON_PATH));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("cachedhttp: no entry for " + url("/users/1"))
        .doesNotContain("\n");
  }

  @Test
  void showFollowsARedirectAliasAndSummarisesBinaryBodiesInHex() {
    Run alias = cli("show", url(FilledTable.REDIRECT_TARGET_PATH), "--body");
    assertThat(alias.out()).contains("via redirect alias").contains("redirected: 301 from "
        + url("/old/3")).contains("\"name\" : \"Grace\"");

    Run binary = cli("show", url(FilledTable.BINARY_PATH), "--body");
    assertThat(binary.out()).contains("(binary, 6 bytes, sha256 "
        + FilledTable.BINARY.sha256().hex() + ")").contains("00000000  00 01 02 ff 0a 0d");

    Run withoutBody = cli("show", url(FilledTable.TEXT_PATH));
    assertThat(withoutBody.out()).contains("(body: 11 bytes; --body prints it)")
        .doesNotContain("plain notes");
  }

  @Test
  void rmDeletesAResponseAndTheRedirectAliasesPointingToIt() throws IOException {
    ownTable();
    Run run = cli("rm", url(FilledTable.REDIRECT_PATH), url(FilledTable.TEXT_PATH));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("and 1 redirect alias\n").contains("and 0 redirect aliases");
    assertThat(cli("ls").out().lines()).hasSize(3);
    assertThat(cli("ls", "--namespace", "redirects").out()).isEmpty();
  }

  @Test
  void rmByKeyAndOfSomethingMissingFailsForThatArgumentOnly() throws IOException {
    ownTable();
    String key = cli("ls", "--url-prefix", url(FilledTable.TEXT_PATH)).out().split(" ")[0];

    Run run = cli("rm", key, url("/nothing/here"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("deleted " + key);
    assertThat(run.err()).contains("no entry for " + url("/nothing/here"));
    assertThat(cli("ls").out().lines()).hasSize(5);
  }

  @Test
  void purgeExpiredDeletesOnlyWhatIsNoLongerFresh() throws IOException {
    ownTable();
    Run run = cli("purge", "--expired");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("deleted 1 responses and 0 redirect aliases");
    assertThat(run.err()).contains("purge: 1 responses deleted");
    assertThat(cli("ls", "--expired").out()).isEmpty();
    assertThat(cli("ls").out().lines()).hasSize(5);
  }

  @Test
  void purgeByUrlPrefixTakesTheAliasesAlong() throws IOException {
    ownTable();
    Run run = cli("purge", "--url-prefix", url(FilledTable.REDIRECT_TARGET_PATH));

    assertThat(run.out()).contains("deleted 1 responses and 1 redirect aliases");
    assertThat(cli("ls").out().lines()).hasSize(4);
  }

  @Test
  void purgeAllAsksFirstAndDeletesNothingWithoutYes() throws IOException {
    ownTable();
    Run refused = cliWithInput("no\n", "purge", "--all");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("Type 'yes'").contains("aborted");
    assertThat(cli("ls").out().lines()).hasSize(6);

    Run confirmed = cliWithInput("yes\n", "purge", "--all");
    assertThat(confirmed.out()).contains("deleted 5 responses and 1 redirect aliases");
    assertThat(cli("ls").out()).isEmpty();
  }

  @Test
  void purgeAllWithYesDoesNotAsk() throws IOException {
    ownTable();
    Run run = cli("purge", "--all", "--yes");

    assertThat(run.err()).doesNotContain("Type 'yes'");
    assertThat(cli("ls").out()).isEmpty();
  }

  @Test
  void statsCountsEntriesBytesAndExpiredPerNamespaceWithAndWithoutScan() throws IOException {
    Run run = cli("stats", "--json");

    assertThat(run.status()).as(run.err()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      rows.add(MAPPER.readTree(line));
    }
    assertThat(rows).extracting(r -> r.get("namespace").asText())
        .containsExactly("responses", "redirects");
    JsonNode responses = rows.get(0);
    assertThat(responses.get("entries").asInt()).isEqualTo(5);
    assertThat(responses.get("expired").asInt()).isEqualTo(1);
    assertThat(responses.get("past_ttl").asInt()).isEqualTo(1);
    assertThat(responses.get("bytes").asLong()).isGreaterThan(500);
    assertThat(responses.get("oldest").asText()).isLessThan(responses.get("newest").asText());

    Run scanned = cli("stats", "--scan");
    assertThat(scanned.out()).startsWith("NAMESPACE").contains("responses").contains("redirects");
    assertThat(scanned.out().lines().filter(l -> l.startsWith("responses ")).findFirst()
        .orElseThrow()).matches("responses\\s+5\\s+\\d+\\s+1\\s+1\\s+.*");
  }

  @Test
  void exportWritesEveryResponseAsAJsonLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cache.jsonl");

    Run run = cli("export", file.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).contains("exported 5 entries of responses");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(MAPPER.readTree(line));
    }
    assertThat(lines).hasSize(5);
    JsonNode user = lines.stream().filter(l -> l.get("url").asText().endsWith("/users/1"))
        .findFirst().orElseThrow();
    assertThat(MAPPER.readTree(user.get("body").asText()).get("name").asText()).isEqualTo("Ada");
    assertThat(user.get("headers").get("Content-Type").get(0).asText())
        .isEqualTo("application/json");
    JsonNode logo = lines.stream().filter(l -> l.get("url").asText().endsWith("/files/logo"))
        .findFirst().orElseThrow();
    assertThat(logo.get("body_base64").asText()).isEqualTo(FilledTable.BINARY.base64());
    assertThat(cli("export", "-", "--namespace", "redirects").out().lines()).hasSize(1);
  }

  @Test
  void aCacheNameSelectsTheApplicationsNamespaces() throws IOException {
    try (FilledTable named = FilledTable.create("billing")) {
      List<String> args = new ArrayList<>(List.of("ls"));
      args.addAll(named.tableArgs());
      assertThat(cli("", args).out()).isEmpty();

      args.addAll(List.of("--cache-name", "billing"));
      assertThat(cli("", args).out().lines()).hasSize(6);
    }
  }

  @Test
  void aValueCachesNamespaceIsListedAndCounted() throws IOException {
    ownTable();
    try (ValueCache values = ValueCache.builder().namespace("reports")
        .backend(DynamoDbBackend.builder().tableName(filled.table).client(filled.local.client())
            .createTable(false).build()).build()) {
      values.put("report:42", java.util.Map.of("total", 42), Duration.ofHours(1));
    }

    List<String> lines = cli("ls", "--namespace", "reports", "--shards", "4").out().lines()
        .toList();

    assertThat(lines).singleElement().asString().startsWith("report:42  value fresh  -  ");
    assertThat(cli("stats", "--namespace", "reports").out())
        .containsPattern("\\nreports\\s+1\\s+\\d+\\s+0\\s+0");
  }

  @Test
  void aProfileGivesCredentialsAndRegion(@TempDir Path dir) throws IOException {
    Path credentials = Files.writeString(dir.resolve("credentials"),
        "[cli-test]\naws_access_key_id = local\naws_secret_access_key = local\n");
    Path config = Files.writeString(dir.resolve("config"),
        "[profile cli-test]\nregion = us-east-1\n");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", config.toString());
    try {
      Run run = cli("", List.of("ls", "--profile", "cli-test", "--table", filled.table,
          "--endpoint", filled.local.endpoint().toString()));

      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out().lines()).hasSize(6);
      assertThat(cli("", List.of("ls", "--profile", "no-such-profile", "--region", "us-east-1",
          "--table", filled.table, "--endpoint", filled.local.endpoint().toString())).err())
          .startsWith("cachedhttp: no AWS credentials: ").contains("no-such-profile");
    } finally {
      System.clearProperty("aws.sharedCredentialsFile");
      System.clearProperty("aws.configFile");
    }
  }

  @Test
  void usageErrorsExitWithTwoOnOneLine() {
    Run unknown = cli("ls", "--bogus");
    assertThat(unknown.status()).isEqualTo(CachedHttpCli.EXIT_USAGE);
    assertThat(unknown.err().strip()).contains("--bogus").doesNotContain("\n");

    assertThat(cli("purge").status()).isEqualTo(CachedHttpCli.EXIT_USAGE);
    assertThat(cli("purge", "--all", "--expired").status()).isEqualTo(CachedHttpCli.EXIT_USAGE);
    assertThat(cli("", List.of()).status()).isEqualTo(CachedHttpCli.EXIT_USAGE);
  }

  @Test
  void aMissingTableFailsWithOneLineNamingIt() {
    Run run = cli("", List.of("ls", "--table", "no_such_table", "--region", "us-east-1",
        "--endpoint", filled.local.endpoint().toString()));

    assertThat(run.status()).isEqualTo(CachedHttpCli.EXIT_FAILURE);
    assertThat(run.err().strip()).isEqualTo("cachedhttp: no such table: table 'no_such_table',"
        + " region us-east-1, endpoint " + filled.local.endpoint());
  }

  @Test
  void anUnreachableEndpointFailsWithOneLine() {
    Run run = cli("", List.of("stats", "--region", "us-east-1", "--endpoint",
        "http://127.0.0.1:1"));

    assertThat(run.status()).isEqualTo(CachedHttpCli.EXIT_FAILURE);
    assertThat(run.err().strip()).startsWith("cachedhttp: cannot reach DynamoDB")
        .contains("http://127.0.0.1:1").doesNotContain("\n");
  }

  @Test
  void aTableWithAnotherKeySchemaIsRefused() {
    String other = filled.table + "_other";
    filled.local.client().createTable(r -> r.tableName(other)
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .billingMode("PAY_PER_REQUEST"));
    try {
      Run run = cli("", List.of("ls", "--table", other, "--region", "us-east-1", "--endpoint",
          filled.local.endpoint().toString()));

      assertThat(run.status()).isEqualTo(CachedHttpCli.EXIT_FAILURE);
      assertThat(run.err()).contains("not a cache table").contains("[id HASH]");
    } finally {
      filled.local.client().deleteTable(r -> r.tableName(other));
    }
  }
}
