package dev.cachedhttp.examples;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The README's demo: fetches a few URLs from a slow local origin twice through a cache and
 * prints what came from the network, what came from the cache and how long each call took.
 */
public final class Demo {
  private static final Duration ORIGIN_LATENCY = Duration.ofMillis(150);

  private Demo() {}

  /** Runs the demo against the memory backend. */
  public static void main(String[] args) throws Exception {
    try (LocalOrigin origin = LocalOrigin.start(ORIGIN_LATENCY)) {
      run(origin, MemoryBackend.builder().maxEntries(1_000).maxBytes(16L << 20).build(),
          System.out);
    }
  }

  /** Runs the demo over {@code backend} against {@code origin}, printing to {@code out}. */
  public static CacheStats run(LocalOrigin origin, Backend backend, PrintStream out)
      throws IOException {
    out.printf("cachedhttp demo: origin %s answers in %d ms; backend %s%n%n", origin.baseUrl(),
        ORIGIN_LATENCY.toMillis(), backend.getClass().getSimpleName());
    try (CachedClient cached = CachedClient.builder()
        .backend(backend)
        .expireAfter(Duration.ofMinutes(5))
        .ignoredParameters("api_key")
        .build()) {
      OkHttpClient client = cached.client();
      List<String> paths = List.of("/users/1?api_key=demo-secret", "/users/2", "/old/3");
      for (int round = 1; round <= 2; round++) {
        out.printf("round %d%n", round);
        for (String path : paths) {
          fetch(client, origin.baseUrl() + path, out);
        }
        out.println();
      }
      fetch(client, origin.baseUrl() + "/users/3", out);
      CacheStats stats = cached.stats();
      out.printf("%norigin requests: %d; cache hits: %d, misses: %d, writes: %d, "
              + "backend errors: %d; stored responses: %d%n", origin.requestCount(),
          stats.hits(), stats.misses(), stats.writes(), stats.backendErrors(),
          cached.inspector().count());
      return stats;
    }
  }

  private static void fetch(OkHttpClient client, String url, PrintStream out)
      throws IOException {
    long start = System.nanoTime();
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      String body = response.body().string();
      double millis = (System.nanoTime() - start) / 1e6;
      CacheInfo info = CacheInfo.of(response);
      out.printf("  %-7s %3d %8.2f ms  %-36s %d bytes%n",
          info.fromCache() ? "CACHE" : "NETWORK", response.code(), millis,
          url.substring(url.indexOf('/', 8)).replace("demo-secret", "***"), body.length());
    }
  }
}
