package dev.cachedhttp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.sqlite.SqliteBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command on a SQLite file ({@code --sqlite}) that a real CachedClient filled. */
class SqliteCliTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path folder;

  private final MockWebServer origin = new MockWebServer();
  private Path file;

  @BeforeEach
  void fill() throws IOException {
    origin.start();
    file = folder.resolve("http_cache.db");
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (CachedClient fresh = client(clock, Duration.ofDays(3650))) {
      serve("application/json", new Buffer().writeUtf8("{\"name\":\"Ada\"}"));
      get(fresh, "/users/1?api_key=secret");
      serve("image/png", new Buffer().write(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
      get(fresh, "/files/logo");
      origin.enqueue(new MockResponse.Builder().code(301)
          .addHeader("Location", origin.url("/users/2")).build());
      serve("application/json", new Buffer().writeUtf8("{\"name\":\"Grace\"}"));
      get(fresh, "/old/2");
      ValueCache.builder().backend(fresh.backend()).clock(clock).build()
          .put("report:1", Map.of("total", 3), Duration.ofDays(3650));
    }
    try (CachedClient soon = client(clock, Duration.ofMinutes(1))) {
      serve("text/plain", new Buffer().writeUtf8("old news"));
      get(soon, "/stale/9");
    }
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private CachedClient client(Clock clock, Duration expireAfter) {
    return CachedClient.builder().clock(clock).expireAfter(expireAfter)
        .ignoredParameters("api_key")
        .backend(SqliteBackend.builder().path(file).clock(clock).build()).build();
  }

  private void serve(String contentType, Buffer body) {
    origin.enqueue(new MockResponse.Builder().body(body).addHeader("Content-Type", contentType)
        .build());
  }

  private void get(CachedClient client, String path) throws IOException {
    try (Response response = client.client().newCall(
        new Request.Builder().url(origin.url(path)).build()).execute()) {
      response.body().bytes();
    }
  }

  private CliTest.Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--sqlite", file.toString()));
    return CliTest.cli("", all);
  }

  private String url(String path) {
    return origin.url(path).toString();
  }

  @Test
  void lsListsTheFilesResponsesAndRedirectAliases() {
    CliTest.Run run = cli("ls");

    assertThat(run.status()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines).anyMatch(l -> l.contains("200 fresh") && l.contains(url("/users/1")));
    assertThat(lines).filteredOn(l -> l.contains("alias fresh  redirect -> ")).hasSize(1);
    assertThat(run.out()).doesNotContain("secret");
    assertThat(cli("ls", "--expired").out().lines()).singleElement().asString()
        .contains(url("/stale/9"));
    assertThat(cli("ls", "--namespace", "cache").out().lines()).singleElement().asString()
        .startsWith("report:1  value fresh");
  }

  @Test
  void showFindsAUrlWithTheApplicationsSettingsAndPrintsTheBody() {
    CliTest.Run run = cli("show", url("/users/1?api_key=other"), "--ignored-parameter",
        "api_key", "--body");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("HTTP/1.1 200 OK").contains("\"name\" : \"Ada\"")
        .contains("(fresh)");
    assertThat(cli("show", url("/users/2")).out()).contains("via redirect alias");
  }

  @Test
  void statsCountsEachNamespaceAndScanFindsTheValueCache() throws IOException {
    CliTest.Run run = cli("stats", "--json");

    assertThat(run.status()).as(run.err()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      rows.add(MAPPER.readTree(line));
    }
    assertThat(rows).extracting(r -> r.get("namespace").asText() + "=" + r.get("entries"))
        .containsExactly("responses=4", "redirects=1");
    assertThat(rows.get(0).get("expired").asInt()).isEqualTo(1);
    assertThat(cli("stats", "--scan").out()).contains("cache ").contains("responses ");
  }

  @Test
  void exportRmAndPurgeChangeTheFile() throws IOException {
    Path export = folder.resolve("export.jsonl");
    assertThat(cli("export", export.toString()).status()).isZero();
    assertThat(Files.readAllLines(export)).hasSize(4)
        .anyMatch(l -> l.contains("\"body_base64\""));

    CliTest.Run rm = cli("rm", url("/users/2"));
    assertThat(rm.out()).contains("and 1 redirect alias");
    CliTest.Run purge = cli("purge", "--expired");
    assertThat(purge.out()).contains("deleted 1 responses and 0 redirect aliases");

    try (SqliteBackend backend = SqliteBackend.builder().path(file).build()) {
      assertThat(backend.responses().count()).isEqualTo(2);
      assertThat(backend.redirects().count()).isZero();
    }
  }

  @Test
  void aMissingFileOrAFileThatIsNoCacheFailsWithOneLine() throws IOException {
    CliTest.Run missing = CliTest.cli("", List.of("ls", "--sqlite",
        folder.resolve("nope.db").toString()));
    assertThat(missing.status()).isEqualTo(CachedHttpCli.EXIT_FAILURE);
    assertThat(missing.err().strip()).startsWith("cachedhttp: no such file: SQLite file")
        .doesNotContain("\n");
    assertThat(Files.exists(folder.resolve("nope.db"))).isFalse();

    Path text = Files.writeString(folder.resolve("notes.txt"), "not a database at all");
    CliTest.Run notCache = CliTest.cli("", List.of("ls", "--sqlite", text.toString()));
    assertThat(notCache.status()).isEqualTo(CachedHttpCli.EXIT_FAILURE);
    assertThat(notCache.err()).contains("not a cache file");
  }
}
