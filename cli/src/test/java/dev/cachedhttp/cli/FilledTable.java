package dev.cachedhttp.cli;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;

/**
 * A cache table in DynamoDB Local filled by a real {@link CachedClient} from a MockWebServer
 * origin: a JSON response (requested with an ignored {@code api_key}), a text response, a binary
 * response, a redirect ({@code /old/3} to {@code /users/3}) and one response stored two days ago
 * that expired an hour later.
 */
final class FilledTable implements AutoCloseable {
  static final String JSON_PATH = "/users/1?api_key=secret";
  static final String TEXT_PATH = "/notes/readme";
  static final String BINARY_PATH = "/files/logo";
  static final String REDIRECT_PATH = "/old/3";
  static final String REDIRECT_TARGET_PATH = "/users/3";
  static final String EXPIRED_PATH = "/stale/9";
  static final ByteString BINARY = ByteString.of(new byte[] {0, 1, 2, (byte) 0xff, 10, 13});

  private static final AtomicInteger TABLES = new AtomicInteger();

  final DynamoDbLocal local = DynamoDbLocal.shared();
  final MockWebServer origin = new MockWebServer();
  final String table;

  private FilledTable(String table) {
    this.table = table;
  }

  /** Starts the origin and fills a new table with a unique name with six items. */
  static FilledTable create(String cacheName) throws IOException {
    return create(cacheName, "cli_test_" + TABLES.incrementAndGet() + "_" + System.nanoTime());
  }

  /** Starts the origin and creates and fills {@code table} with six items. */
  static FilledTable create(String cacheName, String table) throws IOException {
    FilledTable filled = new FilledTable(table);
    filled.origin.setDispatcher(new Origin());
    filled.origin.start();
    filled.fill(cacheName);
    return filled;
  }

  String url(String path) {
    return origin.url(path).toString();
  }

  /** The shared options pointing the CLI at this table. */
  List<String> tableArgs() {
    return new ArrayList<>(List.of("--table", table, "--region", DynamoDbLocal.REGION,
        "--endpoint", local.endpoint().toString()));
  }

  private void fill(String cacheName) throws IOException {
    // a table without TTL enabled: DynamoDB Local would delete the expired item at any moment
    DynamoDbBackend.builder().tableName(table).client(local.client()).ttl(false).build();
    try (CachedClient now = client(cacheName, Clock.systemUTC(), Duration.ofDays(1))) {
      for (String path : List.of(JSON_PATH, TEXT_PATH, BINARY_PATH, REDIRECT_PATH)) {
        get(now, path);
      }
      checkWritten(now, 4);
    }
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
    try (CachedClient old = client(cacheName, past, Duration.ofHours(1))) {
      get(old, EXPIRED_PATH);
      checkWritten(old, 1);
    }
  }

  private static void checkWritten(CachedClient cached, long writes) {
    CacheStats stats = cached.stats();
    if (stats.writes() != writes || stats.writesSkipped() != 0) {
      throw new IllegalStateException("the table was not filled: " + stats);
    }
  }

  private CachedClient client(String cacheName, Clock clock, Duration freshness) {
    DynamoDbBackend.Builder backend = DynamoDbBackend.builder()
        .tableName(table)
        .client(local.client())
        .createTable(false)
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .clock(clock);
    if (cacheName != null) {
      backend.cacheName(cacheName);
    }
    // written on the caller's thread, so the table is complete when fill() returns; no breaker,
    // so a slow DynamoDB Local on a busy machine cannot make the fill skip writes
    return CachedClient.builder().backend(backend.build()).clock(clock)
        .expireAfter(freshness).ignoredParameters("api_key").writeMode(WriteMode.SYNC)
        .circuitBreaker(dev.cachedhttp.CircuitBreakerConfig.disabled()).build();
  }

  private void get(CachedClient cached, String path) throws IOException {
    try (Response response = cached.client()
        .newCall(new Request.Builder().url(origin.url(path)).build()).execute()) {
      response.body().bytes();
    }
  }

  @Override
  public void close() {
    origin.close();
    local.client().deleteTable(r -> r.tableName(table));
  }

  /** The origin's answers. */
  private static final class Origin extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      return switch (path) {
        case "/users/1" -> json("{\"id\":1,\"name\":\"Ada\",\"roles\":[\"admin\"]}");
        case "/users/3" -> json("{\"id\":3,\"name\":\"Grace\"}");
        case "/notes/readme" -> new MockResponse.Builder().body("plain notes")
            .addHeader("Content-Type", "text/plain").build();
        case "/files/logo" -> new MockResponse.Builder().body(new okio.Buffer().write(BINARY))
            .addHeader("Content-Type", "application/octet-stream").build();
        case "/old/3" -> new MockResponse.Builder().code(301)
            .addHeader("Location", "/users/3").build();
        default -> new MockResponse.Builder().body("stale body")
            .addHeader("Content-Type", "text/plain").build();
      };
    }

    private static MockResponse json(String body) {
      return new MockResponse.Builder().body(body)
          .addHeader("Content-Type", "application/json").build();
    }
  }
}
