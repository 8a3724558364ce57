package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees with JDBC or {@code sqlite3} in a file the cache wrote. */
class ReadableRowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();
  private final MockWebServer origin = new MockWebServer();
  private Path file;
  private CachedClient cached;

  @BeforeEach
  void start() throws IOException {
    origin.start();
    file = folder.resolve("http_cache.db");
  }

  @AfterEach
  void stop() {
    origin.close();
    if (cached != null) {
      cached.close();
    }
  }

  private CachedClient cached(SqliteBackend.Builder backend) {
    cached = CachedClient.builder().backend(backend.path(file).clock(clock).build())
        .cacheControl(true).clock(clock).build();
    return cached;
  }

  private void get(String path) throws IOException {
    try (Response response = cached.client().newCall(
        new Request.Builder().url(origin.url(path)).build()).execute()) {
      response.body().bytes();
    }
  }

  private void serve(String contentType, Buffer body) {
    origin.enqueue(new MockResponse.Builder().body(body).addHeader("Content-Type", contentType)
        .addHeader("Cache-Control", "max-age=3600").build());
  }

  @Test
  void aJsonResponseIsARowWithColumnsHeadersAsJsonAndTheBodyAsText() throws Exception {
    cached(SqliteBackend.builder());
    String body = "{\"id\":7,\"name\":\"Ada ✓\"}";
    serve("application/json", new Buffer().writeUtf8(body));
    get("/users/7");

    try (RawFile raw = new RawFile(file)) {
      Map<String, Object> row = raw.one("select url, status, method, expires, headers, "
          + "body_encoding, typeof(body) as type, body, body_crc32c from responses");
      assertThat(row.get("url")).isEqualTo(origin.url("/users/7").toString());
      assertThat(row.get("status")).isEqualTo(200);
      assertThat(row.get("method")).isEqualTo("GET");
      assertThat(Instant.parse((String) row.get("expires")))
          .isEqualTo(clock.instant().plusSeconds(3600));
      assertThat(JSON.readTree((String) row.get("headers")).get("Content-Type").get(0).asText())
          .isEqualTo("application/json");
      assertThat(row.get("body_encoding")).isEqualTo("text");
      assertThat(row.get("type")).isEqualTo("text");
      assertThat(row.get("body")).isEqualTo(body);
      assertThat(((Number) row.get("body_crc32c")).longValue()).isPositive();
    }
  }

  @Test
  void binaryAndNonRoundTrippingBodiesAreBlobsWithTheirEncodingNamed() throws Exception {
    cached(SqliteBackend.builder());
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
    serve("image/png", new Buffer().write(png));
    serve("text/plain; charset=utf-8", new Buffer().write(new byte[] {'a', (byte) 0xc3}));
    get("/logo.png");
    get("/broken.txt");

    try (RawFile raw = new RawFile(file)) {
      assertThat(raw.query("select body_encoding, typeof(body) as type, body from responses "
          + "order by url")).extracting(r -> r.get("body_encoding") + "/" + r.get("type"))
          .containsExactly("binary/blob", "binary/blob");
      assertThat((byte[]) raw.one("select body from responses where url like '%png'")
          .get("body")).isEqualTo(png);
    }
  }

  @Test
  void bodiesAboveTheCompressionSizeAreGzipBlobsWhenAskedFor() throws Exception {
    cached(SqliteBackend.builder().compressBodiesAbove(1024));
    serve("text/plain", new Buffer().writeUtf8("line\n".repeat(2000)));
    get("/long.txt");

    try (RawFile raw = new RawFile(file)) {
      Map<String, Object> row = raw.one("select body_encoding, typeof(body) as type, "
          + "length(body) as stored from responses");
      assertThat(row.get("body_encoding")).isEqualTo("gzip");
      assertThat(row.get("type")).isEqualTo("blob");
      assertThat((Integer) row.get("stored")).isLessThan(1000);
    }
  }

  @Test
  void redirectAliasesAndValuesHaveTheirOwnViews() throws Exception {
    cached(SqliteBackend.builder());
    origin.enqueue(new MockResponse.Builder().code(301)
        .addHeader("Location", origin.url("/new").toString()).build());
    serve("text/plain", new Buffer().writeUtf8("moved here"));
    get("/old");
    ValueCache values = ValueCache.builder().backend(cached.backend()).clock(clock).build();
    values.put("user:1", Map.of("name", "Ada"), Duration.ofMinutes(5));

    try (RawFile raw = new RawFile(file)) {
      Map<String, Object> alias = raw.one("select key, target from redirects");
      assertThat(alias.get("target")).isEqualTo(raw.one("select key from responses").get("key"));
      Map<String, Object> value = raw.one("select namespace, key, value, value_type, expires "
          + "from value_entries");
      assertThat(value.get("namespace")).isEqualTo("cache");
      assertThat(value.get("key")).isEqualTo("user:1");
      assertThat(JSON.readTree((String) value.get("value")).get("name").asText())
          .isEqualTo("Ada");
      assertThat(Instant.parse((String) value.get("expires")))
          .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }
  }

  @Test
  void theFileIsInWalModeWithIncrementalVacuum() throws Exception {
    cached(SqliteBackend.builder());

    try (RawFile raw = new RawFile(file)) {
      assertThat(raw.one("pragma journal_mode").values()).containsExactly("wal");
      assertThat(raw.one("pragma auto_vacuum").values()).containsExactly(2);
    }
  }

  @Test
  void theSqlite3CommandOfTheReadmeListsUrlStatusAndExpiry() throws Exception {
    assumeTrue(sqlite3Installed(), "the sqlite3 command is not installed");
    cached(SqliteBackend.builder());
    serve("text/plain", new Buffer().writeUtf8("hello"));
    get("/hello");

    Process process = new ProcessBuilder("sqlite3", file.toString(),
        "select url, status, expires from responses").redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(out.strip()).isEqualTo(origin.url("/hello") + "|200|"
        + clock.instant().plusSeconds(3600));
  }

  private static boolean sqlite3Installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "sqlite3"))) {
        return true;
      }
    }
    return false;
  }
}
