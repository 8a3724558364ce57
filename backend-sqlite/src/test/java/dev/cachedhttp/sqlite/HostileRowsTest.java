package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.testkit.HostileDocuments;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.NoDelayServerSockets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows changed in the file as someone with write access to it would, including what the codec
 * never writes: every call through the client succeeds, with the origin's answer or a
 * well-formed cached one.
 */
class HostileRowsTest {
  /** Changes beyond {@link DamagedRowTest#DAMAGES} that the stored document's checks catch. */
  private static final List<String> MORE = List.of(
      "update entries set headers = '{\"X-Note\":[\"a\\r\\nSet-Cookie: s=1\"]}'",
      "update entries set headers = '{\"X-Note\":[1]}'",
      "update entries set reason = 'a' || char(13, 10) || 'b'",
      "update entries set created_at = '+1000000000-12-31T23:59:59Z'",
      "update entries set expires = '+1000000000-12-31T23:59:59Z'",
      "update entries set expires = 'x'",
      "update entries set evict_at = 'x'",
      "update entries set status = 'x'",
      "update entries set url = null, method = null, status = null, headers = null, "
          + "request = null, created_at = null, body_encoding = null, body = null");

  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  @Test
  void rawRowsNeverFailACall() throws Exception {
    List<String> failures = new ArrayList<>();
    try (MockWebServer origin = origin();
        CachedClient cached = CachedClient.builder().cacheControl(true).cacheStatusHeader(true)
            .clock(clock).backend(SqliteBackend.builder().path(folder.resolve("h.db"))
                .maxBodyBytes(65536).clock(clock).build()).build();
        RawFile raw = new RawFile(folder.resolve("h.db"))) {
      HttpUrl url = origin.url("/raw");
      OkHttpClient client = cached.client();
      assertThat(HostileDocuments.problemWith(client, new Request.Builder().url(url).build()))
          .isNull();
      List<Object> valid = new ArrayList<>(raw.one("select * from entries").values());
      List<String> changes = Stream.concat(DamagedRowTest.DAMAGES.stream(), MORE.stream())
          .toList();
      for (String change : changes) {
        raw.update("delete from entries");
        raw.update("insert into entries values (" + "?, ".repeat(valid.size() - 1) + "?)",
            valid.toArray());
        assertThat(raw.update(change)).as(change).isEqualTo(1);
        for (Request request : HostileDocuments.requests(url)) {
          String problem = HostileDocuments.problemWith(client, request);
          if (problem != null) {
            failures.add(change + " with " + request.headers().names() + ": " + problem);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static MockWebServer origin() throws Exception {
    MockWebServer origin = new MockWebServer();
    origin.setServerSocketFactory(new NoDelayServerSockets());
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().body("{\"from\":\"the origin\"}")
            .addHeader("Content-Type", "application/json").addHeader("ETag", "\"o\"")
            .addHeader("Cache-Control", "max-age=60").build();
      }
    });
    origin.start();
    return origin;
  }
}
