package dev.cachedhttp;

import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.NoDelayServerSockets;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer origin, a fake clock and a memory backend, fresh for every test. */
abstract class OriginFixture {
  protected MockWebServer origin;
  protected MutableClock clock;
  protected MemoryBackend backend;
  protected CachedClient cached;

  @BeforeEach
  void startOrigin() throws IOException {
    origin = new MockWebServer();
    origin.setServerSocketFactory(new NoDelayServerSockets());
    origin.start();
    clock = MutableClock.create();
    backend = MemoryBackend.builder().clock(clock).build();
  }

  @AfterEach
  void stopOrigin() {
    origin.close();
    if (cached != null) {
      cached.close();
    }
  }

  /** A builder with this fixture's backend and clock. */
  protected CachedClient.Builder builder() {
    return CachedClient.builder().backend(backend).clock(clock);
  }

  protected OkHttpClient client(CachedClient.Builder builder) {
    cached = builder.build();
    return cached.client();
  }

  protected static MockResponse ok(String body) {
    return new MockResponse.Builder().body(body).addHeader("Content-Type", "text/plain").build();
  }

  protected void enqueue(String... bodies) {
    for (String body : bodies) {
      origin.enqueue(ok(body));
    }
  }

  /** A call's outcome with its body read in full. */
  protected record Result(Response response, String body, CacheInfo info) {
    int code() {
      return response.code();
    }
  }

  protected Result get(OkHttpClient client, String path) throws IOException {
    return call(client, new Request.Builder().url(origin.url(path)).build());
  }

  protected Result call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Result(response, response.body().string(), CacheInfo.of(response));
    }
  }
}
