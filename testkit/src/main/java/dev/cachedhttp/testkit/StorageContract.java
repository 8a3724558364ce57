package dev.cachedhttp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import dev.cachedhttp.spi.StoredRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Backend} must have: the HTTP namespaces here, the value namespaces
 * in {@link ValueNamespaceContract}. A backend's test class extends this and implements {@link
 * #createBackend(MutableClock)}; each test gets a fresh, empty backend whose expiry checks read
 * the given clock.
 */
public abstract class StorageContract implements ValueNamespaceContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The clock handed to {@link #createBackend}; tests move it. */
  protected MutableClock clock;

  /** The backend under test. */
  protected Backend backend;

  /**
   * Returns a new backend that is empty and reads {@code clock} for every expiry decision.
   */
  protected abstract Backend createBackend(MutableClock clock) throws Exception;

  @BeforeEach
  void setUpBackend() throws Exception {
    clock = MutableClock.create();
    backend = createBackend(clock);
    backend.responses().clear();
    backend.redirects().clear();
    clearValueNamespaces();
  }

  @Override
  public Backend backend() {
    return backend;
  }

  @Override
  public MutableClock clock() {
    return clock;
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  /** Builds a typical response document with the given body and content type. */
  protected CachedResponse response(String path, String contentType, ByteString body) {
    Instant now = clock.instant();
    return CachedResponse.builder()
        .url("https://api.example.com" + path)
        .method("GET")
        .status(200)
        .message("OK")
        .protocol("http/1.1")
        .headers(
            new Headers.Builder()
                .add("Content-Type", contentType)
                .add("X-Multi", "first")
                .add("X-Multi", "second")
                .add("ETag", "\"v1\"")
                .build())
        .body(body)
        .request(
            new StoredRequest(
                "GET",
                "https://api.example.com" + path,
                Headers.of("Accept", "*/*", "Authorization", "REDACTED")))
        .requestSentAt(now.minusMillis(15))
        .createdAt(now)
        .expires(now.plus(Duration.ofMinutes(5)))
        .history(List.of(new RedirectHop("https://api.example.com/old" + path, 301)))
        .build();
  }

  private CachedResponse textResponse(String path) {
    return response(path, "text/plain; charset=utf-8", ByteString.encodeUtf8("hello " + path));
  }

  @Test
  void getOfMissingKeyIsEmpty() {
    assertThat(backend.responses().get("missing")).isEmpty();
    assertThat(backend.redirects().get("missing")).isEmpty();
    assertThat(backend.responses().contains("missing")).isFalse();
  }

  @Test
  void textResponseRoundTripsExactly() {
    CachedResponse stored = textResponse("/text");
    backend.responses().put("k1", stored, clock.instant().plusSeconds(600));

    CachedResponse read = backend.responses().get("k1").orElseThrow();

    assertSameDocument(read, stored);
    assertThat(read.body()).isEqualTo(stored.body());
  }

  @Test
  void binaryBodyRoundTripsByteForByte() {
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    CachedResponse stored = response("/bin", "application/octet-stream", ByteString.of(bytes));
    backend.responses().put("bin", stored, null);

    assertThat(backend.responses().get("bin").orElseThrow().body()).isEqualTo(ByteString.of(bytes));
  }

  @Test
  void emptyBodyRoundTrips() {
    CachedResponse stored = response("/empty", "text/plain", ByteString.EMPTY);
    backend.responses().put("empty", stored, null);

    assertThat(backend.responses().get("empty").orElseThrow().body().size()).isZero();
  }

  @Test
  void jsonBodyRoundTripsAsEqualJson() throws IOException {
    String json = "{\"id\":7,\"name\":\"Ada\",\"tags\":[\"a\",\"b\"],\"nested\":{\"x\":1.5,\"y\":null,"
        + "\"ok\":true}}";
    CachedResponse stored =
        response("/json", "application/json", ByteString.encodeUtf8(json));
    backend.responses().put("json", stored, null);

    CachedResponse read = backend.responses().get("json").orElseThrow();

    assertThat(JSON.readTree(read.body().utf8())).isEqualTo(JSON.readTree(json));
    assertSameDocument(read, stored);
  }

  @Test
  void largeTextBodyRoundTrips() {
    String text = IntStream.range(0, 20_000).mapToObj(i -> "line " + i + "\n")
        .collect(Collectors.joining());
    CachedResponse stored = response("/large", "text/plain", ByteString.encodeUtf8(text));
    backend.responses().put("large", stored, null);

    assertThat(backend.responses().get("large").orElseThrow().body().utf8()).isEqualTo(text);
  }

  @Test
  void putReplacesPreviousValue() {
    backend.responses().put("k", textResponse("/one"), null);
    backend.responses().put("k", textResponse("/two"), null);

    assertThat(backend.responses().get("k").orElseThrow().url()).endsWith("/two");
    assertThat(backend.responses().count()).isEqualTo(1);
  }

  @Test
  void entryPastItsExpiryIsAbsentEvenBeforeTheStoreRemovesIt() {
    backend.responses().put("soon", textResponse("/soon"), clock.instant().plusSeconds(60));
    backend.redirects().put("alias", "soon", clock.instant().plusSeconds(60));
    assertThat(backend.responses().get("soon")).isPresent();

    clock.advance(Duration.ofSeconds(61));

    assertThat(backend.responses().get("soon")).isEmpty();
    assertThat(backend.responses().contains("soon")).isFalse();
    assertThat(backend.redirects().get("alias")).isEmpty();
  }

  @Test
  void entryWithoutExpiryStaysReadable() {
    backend.responses().put("forever", textResponse("/forever"), null);

    clock.advance(Duration.ofDays(3650));

    assertThat(backend.responses().get("forever")).isPresent();
  }

  @Test
  void deleteRemovesTheEntryAndSaysWhetherItExisted() {
    backend.responses().put("d", textResponse("/d"), null);

    assertThat(backend.responses().delete("d")).isTrue();
    assertThat(backend.responses().get("d")).isEmpty();
    assertThat(backend.responses().delete("d")).isFalse();
  }

  @Test
  void deleteAllRemovesOnlyTheListedKeys() {
    List<String> keys = putMany(60);

    int deleted = backend.responses().deleteAll(keys.subList(0, 55));

    assertThat(deleted).isEqualTo(55);
    assertThat(backend.responses().count()).isEqualTo(5);
    assertThat(allKeys()).containsExactlyInAnyOrderElementsOf(keys.subList(55, 60));
  }

  @Test
  void keysListsEveryEntryOfTheNamespaceOnly() {
    List<String> keys = putMany(60);
    backend.redirects().put("alias-1", keys.get(0), null);

    assertThat(allKeys()).containsExactlyInAnyOrderElementsOf(keys);
    try (Stream<String> aliases = backend.redirects().keys()) {
      assertThat(aliases).containsExactly("alias-1");
    }
  }

  @Test
  void clearEmptiesOneNamespaceAndLeavesTheOther() {
    putMany(30);
    backend.redirects().put("alias", "key-0", null);

    backend.responses().clear();

    assertThat(backend.responses().count()).isZero();
    assertThat(allKeys()).isEmpty();
    assertThat(backend.redirects().get("alias")).contains("key-0");
  }

  @Test
  void countCountsEntries() {
    putMany(12);
    assertThat(backend.responses().count()).isEqualTo(12);
    assertThat(backend.redirects().count()).isZero();
  }

  @Test
  void lookupFollowsARedirectAlias() {
    CachedResponse stored = textResponse("/target");
    backend.responses().put("target", stored, null);
    backend.redirects().put("hop", "target", null);

    Backend.Lookup direct = backend.lookup("target").orElseThrow();
    Backend.Lookup viaAlias = backend.lookup("hop").orElseThrow();

    assertThat(direct.key()).isEqualTo("target");
    assertThat(viaAlias.key()).isEqualTo("target");
    assertSameDocument(viaAlias.response(), stored);
    assertThat(backend.lookup("nowhere")).isEmpty();
  }

  @Test
  void concurrentWritersAndReadersSeeWholeDocuments() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            String key = "c-" + (i % 5);
            backend.responses().put(key, textResponse("/c/" + thread + "/" + i), null);
            backend.responses().get(key).ifPresent(r ->
                assertThat(r.body().utf8()).isEqualTo("hello " + r.url().substring(
                    "https://api.example.com".length())));
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(backend.responses().count()).isEqualTo(5);
  }

  private List<String> putMany(int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = "key-" + i;
      backend.responses().put(key, textResponse("/many/" + i), null);
      keys.add(key);
    }
    return keys;
  }

  private List<String> allKeys() {
    try (Stream<String> keys = backend.responses().keys()) {
      return keys.collect(Collectors.toList());
    }
  }

  /**
   * Asserts that {@code read} is the document that was stored: every field equal, headers equal
   * as a multimap (order of values per name kept), bodies compared by the caller.
   */
  protected static void assertSameDocument(CachedResponse read, CachedResponse stored) {
    assertThat(read.url()).isEqualTo(stored.url());
    assertThat(read.method()).isEqualTo(stored.method());
    assertThat(read.status()).isEqualTo(stored.status());
    assertThat(read.message()).isEqualTo(stored.message());
    assertThat(read.protocol()).isEqualTo(stored.protocol());
    assertThat(multimap(read.headers())).isEqualTo(multimap(stored.headers()));
    assertThat(read.request().method()).isEqualTo(stored.request().method());
    assertThat(read.request().url()).isEqualTo(stored.request().url());
    assertThat(multimap(read.request().headers())).isEqualTo(multimap(stored.request().headers()));
    assertThat(read.requestSentAt()).isEqualTo(stored.requestSentAt());
    assertThat(read.createdAt()).isEqualTo(stored.createdAt());
    assertThat(read.expires()).isEqualTo(stored.expires());
    assertThat(read.history()).isEqualTo(stored.history());
  }

  private static Map<String, List<String>> multimap(Headers headers) {
    return headers.toMultimap();
  }
}
