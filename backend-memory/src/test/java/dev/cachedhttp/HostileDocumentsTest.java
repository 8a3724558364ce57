package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.testkit.HostileDocuments;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.NoDelayServerSockets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table of hostile stored documents, served by a backend that answers every lookup with the
 * planted document (as an attacker with write access to the table, or a buggy third-party
 * backend, would): every call must succeed, with the origin's answer or a well-formed cached one.
 */
class HostileDocumentsTest {
  private static final String ORIGIN_BODY = "from the origin";

  private MockWebServer origin;
  private final MutableClock clock = MutableClock.create();

  @BeforeEach
  void start() throws Exception {
    origin = new MockWebServer();
    origin.setServerSocketFactory(new NoDelayServerSockets());
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body(ORIGIN_BODY).addHeader("ETag", "\"o\"").build();
      }
    });
    origin.start();
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private static List<CachedClient.Builder> configurations() {
    return List.of(
        CachedClient.builder(),
        CachedClient.builder().cacheControl(true).cacheStatusHeader(true),
        CachedClient.builder().cacheControl(true).staleIfError(Duration.ofHours(1))
            .staleWhileRevalidate(Duration.ofMinutes(1)),
        CachedClient.builder().expireAfter(Duration.ofSeconds(30)).cacheStatusHeader(true));
  }

  @Test
  void noStoredDocumentCanFailACallOrBeServedMalformed() throws Exception {
    List<String> failures = new ArrayList<>();
    int calls = 0;
    HttpUrl url = origin.url("/x");
    for (CachedClient.Builder configuration : configurations()) {
      PlantedBackend backend = new PlantedBackend();
      try (CachedClient cached = configuration.backend(backend).clock(clock).build()) {
        OkHttpClient client = cached.client();
        for (Map.Entry<String, UnaryOperator<CachedResponse.Builder>> row
            : HostileDocuments.table(url).entrySet()) {
          for (boolean fresh : new boolean[] {true, false}) {
            try {
              backend.plant(row.getValue()
                  .apply(HostileDocuments.base(url, clock.instant(), fresh)).build());
            } catch (IllegalArgumentException refusedByTheBuilder) {
              continue;
            }
            for (Request request : HostileDocuments.requests(url)) {
              calls++;
              String problem = HostileDocuments.problemWith(client, request);
              if (problem != null) {
                failures.add(row.getKey() + (fresh ? " (fresh)" : " (stale)") + " with "
                    + request.headers().names() + ": " + problem);
              }
            }
          }
        }
      }
    }
    assertThat(calls).isGreaterThan(1000);
    assertThat(failures).isEmpty();
  }

  /** A backend whose every response lookup finds the planted document; writes are ignored. */
  private static final class PlantedBackend implements Backend {
    private final Planted<CachedResponse> responses = new Planted<>();
    private final Storage<String> redirects = new Planted<>();

    void plant(CachedResponse document) {
      responses.value = document;
    }

    @Override
    public Storage<CachedResponse> responses() {
      return responses;
    }

    @Override
    public Storage<String> redirects() {
      return redirects;
    }
  }

  private static final class Planted<V> implements Storage<V> {
    private volatile V value;

    @Override
    public Optional<V> get(String key) {
      return Optional.ofNullable(value);
    }

    @Override
    public void put(String key, V value, Instant expiresAt) {}

    @Override
    public boolean delete(String key) {
      return false;
    }

    @Override
    public Stream<String> keys() {
      return Stream.empty();
    }

    @Override
    public void clear() {}

    @Override
    public long count() {
      return 0;
    }
  }
}
