package dev.cachedhttp.bench;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Cache;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * (7) A miss of a large body from a throttled origin, as the caller sees it: the time to its first
 * byte, the time to its last, and the heap the call holds half-way through the body, for no
 * cache, cachedhttp (memory backend) and OkHttp's {@code Cache}. Each call asks for a new URL,
 * so every call is a miss that the caches store. Prints one table.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.cachedhttp.bench.FirstByte [bytes] [runs]</pre>
 *
 * <p>The origin sends 64 KiB every 10 ms (a 4 MiB body takes about 0.65 s). Heap held is the used
 * heap after a full GC half-way through the body minus the used heap after a full GC before the
 * call: what the call keeps alive (the cache's copy, the caller's read buffer), not what it
 * allocated.
 */
public final class FirstByte {
  private static final long CHUNK = 64 * 1024;
  private static final long PERIOD_MILLIS = 10;

  private FirstByte() {}

  /** One subject's figures over the runs: medians in milliseconds and MiB. */
  private record Row(String subject, double firstByteMs, double lastByteMs, double heldMib) {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 4 << 20;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ByteString body = Bodies.json(size);
    try (MockWebServer origin = new MockWebServer()) {
      origin.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse.Builder()
              .addHeader("Content-Type", "application/json")
              .addHeader("Cache-Control", "max-age=3600")
              .body(new Buffer().write(body))
              .throttleBody(CHUNK, PERIOD_MILLIS, TimeUnit.MILLISECONDS)
              .build();
        }
      });
      origin.start();
      Path dir = Files.createTempDirectory("first-byte");
      CachedClient cached = CachedClient.builder()
          .backend(MemoryBackend.builder().maxBytes(256L << 20).build())
          .cacheControl(true).build();
      OkHttpClient plain = new OkHttpClient();
      OkHttpClient okhttpCache = new OkHttpClient.Builder()
          .cache(new Cache(dir.toFile(), 256L << 20)).build();
      List<Row> rows = new ArrayList<>();
      int[] url = {0};
      for (String subject : List.of(Subject.NO_CACHE, Subject.CACHEDHTTP, Subject.OKHTTP_CACHE)) {
        OkHttpClient client = switch (subject) {
          case Subject.NO_CACHE -> plain;
          case Subject.CACHEDHTTP -> cached.client();
          default -> okhttpCache;
        };
        measure(client, origin, size, 1, url); // warm-up
        rows.add(summarize(subject, measure(client, origin, size, runs, url)));
      }
      cached.close();
      okhttpCache.cache().delete();
      System.out.printf(Locale.ROOT, "miss of %d bytes, origin throttled to %d KiB per %d ms, "
          + "median of %d runs (%s)%n", size, CHUNK / 1024, PERIOD_MILLIS, runs,
          Machine.describe());
      System.out.println("| subject | first byte (ms) | last byte (ms) | heap held half-way (MiB) |");
      System.out.println("|---|---|---|---|");
      for (Row row : rows) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", row.subject(),
            row.firstByteMs(), row.lastByteMs(), row.heldMib());
      }
    }
  }

  private static double[][] measure(OkHttpClient client, MockWebServer origin, int size,
      int runs, int[] url) throws IOException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    double[][] figures = new double[3][runs];
    byte[] buffer = new byte[8192];
    for (int run = 0; run < runs; run++) {
      long before = usedAfterGc(memory);
      Request request = new Request.Builder().url(origin.url("/big?n=" + url[0]++)).build();
      long start = System.nanoTime();
      try (Response response = client.newCall(request).execute()) {
        BufferedSource source = response.body().source();
        source.require(1);
        long firstByte = System.nanoTime();
        long read = 0;
        boolean halfway = false;
        for (int n; (n = source.read(buffer)) != -1; ) {
          read += n;
          if (!halfway && read >= size / 2) {
            halfway = true;
            figures[2][run] = (usedAfterGc(memory) - before) / (1024.0 * 1024.0);
          }
        }
        long lastByte = System.nanoTime();
        if (read != size) {
          throw new IllegalStateException("read " + read + " of " + size + " bytes");
        }
        figures[0][run] = (firstByte - start) / 1e6;
        figures[1][run] = (lastByte - start) / 1e6;
      }
    }
    return figures;
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static Row summarize(String subject, double[][] figures) {
    return new Row(subject, median(figures[0]), median(figures[1]), median(figures[2]));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
