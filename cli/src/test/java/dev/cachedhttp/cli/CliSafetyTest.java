package dev.cachedhttp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import dev.cachedhttp.testkit.dynamodb.fault.Fault;
import dev.cachedhttp.testkit.dynamodb.fault.DynamoDbFaultProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The CLI against a hostile or surprising table and careless arguments: each test is one way the
 * tool used to delete the wrong thing, too much, or print what it should not.
 */
class CliSafetyTest {
  private FilledTable filled;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @BeforeEach
  void fill() throws IOException {
    filled = FilledTable.create(null);
  }

  @AfterEach
  void drop() {
    filled.close();
  }

  private CliTest.Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(filled.tableArgs());
    return CliTest.cli("", all);
  }

  private String url(String path) {
    return filled.url(path);
  }

  private CachedClient client(String... matchHeaders) {
    DynamoDbBackend backend = DynamoDbBackend.builder().tableName(filled.table)
        .client(filled.local.client()).createTable(false)
        .readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30)).build();
    return CachedClient.builder().backend(backend).expireAfter(Duration.ofDays(1))
        .writeMode(WriteMode.SYNC).circuitBreaker(CircuitBreakerConfig.disabled())
        .matchHeaders(matchHeaders).build();
  }

  private static void get(CachedClient cached, Request request) throws IOException {
    try (Response response = cached.client().newCall(request).execute()) {
      response.body().bytes();
    }
  }

  @Test
  void rmOfAUrlWithItsOwnResponseAndARedirectAliasDeletesItsOwnResponseNotTheSource()
      throws IOException {
    // /old/3 redirected to /users/3: /users/3 is an alias of /old/3's response; a forced
    // refresh of /users/3 now stores /users/3's own response under the same key
    try (CachedClient cached = client()) {
      get(cached, new Request.Builder().url(url(FilledTable.REDIRECT_TARGET_PATH))
          .tag(CacheOptions.class, CacheOptions.builder().forceRefresh().build()).build());
    }

    CliTest.Run run = cli("rm", url(FilledTable.REDIRECT_TARGET_PATH));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(cli("show", url(FilledTable.REDIRECT_TARGET_PATH)).status()).isEqualTo(1);
    assertThat(cli("show", url(FilledTable.REDIRECT_PATH)).status()).as("the source entry")
        .isZero();
  }

  @Test
  void purgeWithAnEmptyUrlPrefixIsAUsageErrorAndDeletesNothing() {
    CliTest.Run run = cli("purge", "--url-prefix", "");

    assertThat(run.status()).isEqualTo(CachedHttpCli.EXIT_USAGE);
    assertThat(run.err()).contains("--all");
    assertThat(cli("ls").out().lines()).hasSize(6);
  }

  @Test
  void rmOfSeveralUrlsReadsTheRedirectsNamespaceOnce() {
    AtomicInteger queries = new AtomicInteger();
    try (DynamoDbFaultProxy proxy = DynamoDbFaultProxy.start(filled.local.endpoint())) {
      proxy.plan((operation, sequence) -> {
        if (operation.contains("Query")) {
          queries.incrementAndGet();
        }
        return Fault.none();
      });
      List<String> args = new ArrayList<>(List.of("rm", url(FilledTable.TEXT_PATH),
          url(FilledTable.BINARY_PATH), url(FilledTable.REDIRECT_PATH), "--table",
          filled.table, "--region", DynamoDbLocal.REGION, "--endpoint",
          proxy.endpoint().toString()));
      CliTest.Run run = CliTest.cli("", args);

      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out().lines()).hasSize(3);
    }
    assertThat(queries.get()).isEqualTo(1);
    assertThat(cli("ls", "--namespace", "redirects").out()).isEmpty();
  }

  @Test
  void lsAndShowEscapeControlCharactersReadFromTheTable() {
    String key = cli("ls", "--url-prefix", url(FilledTable.TEXT_PATH)).out().split(" ")[0];
    Map<String, AttributeValue> primaryKey = Map.of("namespace", AttributeValue.fromS(
        "responses"), "key", AttributeValue.fromS(key));
    Map<String, AttributeValue> item = new HashMap<>(filled.local.client()
        .getItem(r -> r.tableName(filled.table).key(primaryKey)).item());
    item.put("url", AttributeValue.fromS(url("/notes/readme") + "\u001b]0;owned\u0007\u009b2J"));
    Map<String, AttributeValue> headers = new HashMap<>(item.get("headers").m());
    headers.put("X-Note", AttributeValue.fromL(List.of(AttributeValue.fromS(
        "a\u001b[2Jb\u202ec"))));
    item.put("headers", AttributeValue.fromM(headers));
    filled.local.client().putItem(r -> r.tableName(filled.table).item(item));

    String ls = cli("ls").out();
    CliTest.Run show = cli("show", key);

    assertThat(ls).contains("\\x1b]0;owned\\x07\\x9b2J").doesNotContain("\u001b")
        .doesNotContain("\u009b");
    assertThat(show.out()).doesNotContain("\u001b").doesNotContain("\u202e")
        .doesNotContain("\u0007");
    assertThat(show.out() + show.err()).contains("\\x1b");
  }

  @Test
  void aCredentialHeaderCanComeFromAnEnvironmentVariableOrAFile(@TempDir Path dir)
      throws IOException {
    String value = System.getenv("CACHEDHTTP_CLI_TEST_API_KEY");
    assertThat(value).as("set by the build").isNotBlank();
    try (CachedClient cached = client("X-Api-Key")) {
      get(cached, new Request.Builder().url(url("/keyed/1")).header("X-Api-Key", value).build());
    }
    Path file = Files.writeString(dir.resolve("api-key"), value + "\n");

    CliTest.Run fromEnv = cli("show", url("/keyed/1"), "--match-header", "X-Api-Key",
        "--header-env", "X-Api-Key=CACHEDHTTP_CLI_TEST_API_KEY");
    CliTest.Run fromFile = cli("show", url("/keyed/1"), "--match-header", "X-Api-Key",
        "--header-file", "X-Api-Key=" + file);
    CliTest.Run unset = cli("show", url("/keyed/1"), "--match-header", "X-Api-Key",
        "--header-env", "X-Api-Key=CACHEDHTTP_CLI_TEST_NO_SUCH_VARIABLE");

    assertThat(fromEnv.status()).as(fromEnv.err()).isZero();
    assertThat(fromEnv.out()).contains(url("/keyed/1"));
    assertThat(fromFile.status()).as(fromFile.err()).isZero();
    assertThat(unset.status()).isEqualTo(CachedHttpCli.EXIT_FAILURE);
    assertThat(unset.err()).contains("CACHEDHTTP_CLI_TEST_NO_SUCH_VARIABLE is not set")
        .doesNotContain(value);
  }

  @Test
  void anEndpointWithoutSchemeIsAUsageErrorWithAHint() {
    CliTest.Run run = CliTest.cli("", List.of("ls", "--region", "us-east-1", "--endpoint",
        "localhost:8000"));

    assertThat(run.status()).isEqualTo(CachedHttpCli.EXIT_USAGE);
    assertThat(run.err().strip()).contains("--endpoint http://localhost:8000")
        .doesNotContain("\n");
  }

  @Test
  void lsOfAnEmptyNamespaceNamesTheNamespacesThatExistAndTheCacheNameToPass()
      throws IOException {
    try (FilledTable named = FilledTable.create("billing")) {
      List<String> args = new ArrayList<>(List.of("ls"));
      args.addAll(named.tableArgs());
      CliTest.Run run = CliTest.cli("", args);

      assertThat(run.status()).isZero();
      assertThat(run.out()).isEmpty();
      assertThat(run.err().strip()).contains("no entries in responses, redirects")
          .contains("billing:responses (5)").contains("billing:redirects (1)")
          .contains("--cache-name billing").doesNotContain("\n");
    }
  }

  @Test
  void exportNamesTheNamespaceItRead() throws IOException {
    try (FilledTable named = FilledTable.create("billing")) {
      List<String> args = new ArrayList<>(List.of("export", "-", "--cache-name", "billing"));
      args.addAll(named.tableArgs());
      CliTest.Run run = CliTest.cli("", args);

      assertThat(run.err()).contains("exported 5 entries of billing:responses of table '");
    }
  }
}
