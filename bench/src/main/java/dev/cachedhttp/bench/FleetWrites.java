package dev.cachedhttp.bench;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * The background writer of one instance under load: {@value #THREADS} callers make storable
 * misses (distinct URLs of about 2 KB) at {@value #RATE} a second for {@value #SECONDS} s, then
 * as fast as they can ({@value #BURST} misses), for each number of writer threads. Reports
 * writes made and dropped, and the sustained write rate: writes over the time from the first
 * miss until the queue is empty.
 */
final class FleetWrites {
  static final int RATE = 230;
  static final int SECONDS = 10;
  static final int THREADS = 16;
  static final int BURST = 3_000;
  private static final int[] WRITERS = {1, 2, 4, 8};

  private final DynamoDbLocal local;
  private final MockWebServer origin;
  private final List<String> lines;
  private final AtomicInteger urls = new AtomicInteger();

  FleetWrites(DynamoDbLocal local, MockWebServer origin, List<String> lines) {
    this.local = local;
    this.origin = origin;
    this.lines = lines;
  }

  void run(String table) throws Exception {
    lines.add("## Background writes of one instance: " + THREADS + " callers, distinct URLs "
        + "(2 KB bodies)");
    lines.add("");
    lines.add("| writer threads | paced: misses/s offered | writes | dropped | sustained "
        + "writes/s | burst of " + BURST + ": misses/s offered | writes | dropped | sustained "
        + "writes/s |");
    lines.add("|---|---|---|---|---|---|---|---|---|");
    for (int writers : WRITERS) {
      Result paced = load(table, writers, RATE * SECONDS, RATE);
      Result burst = load(table, writers, BURST, 0);
      lines.add(String.format(Locale.ROOT, "| %d | %.0f | %d | %d | %.0f | %.0f | %d | %d | %.0f |",
          writers, paced.offered, paced.writes, paced.dropped, paced.sustained, burst.offered,
          burst.writes, burst.dropped, burst.sustained));
    }
  }

  private record Result(double offered, long writes, long dropped, double sustained) {}

  /** {@code misses} distinct misses at {@code rate} a second (0: unpaced), then drains. */
  private Result load(String table, int writers, int misses, int rate) throws Exception {
    DynamoDbBackend backend = DynamoDbBackend.builder().tableName(table)
        .endpointOverride(local.endpoint()).region(local.region())
        .credentialsProvider(local.credentials()).build();
    try (CachedClient cached = CachedClient.builder().backend(backend)
        .expireAfter(Duration.ofHours(1)).writeConcurrency(writers).build()) {
      OkHttpClient client = cached.client();
      int first = urls.getAndAdd(misses);
      ExecutorService callers = Executors.newFixedThreadPool(THREADS);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(callers.submit(() -> {
          for (int n = thread; n < misses; n += THREADS) {
            if (rate > 0) {
              long due = start + n * 1_000_000_000L / rate;
              LockSupport.parkNanos(due - System.nanoTime());
            }
            FleetBench.get(client, origin.url("/w/" + (first + n)).toString());
          }
          return null;
        }));
      }
      for (Future<?> caller : done) {
        caller.get(5, TimeUnit.MINUTES);
      }
      callers.shutdown();
      double offered = misses / ((System.nanoTime() - start) / 1e9);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ended(cached.stats()) < misses && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      double drained = (System.nanoTime() - start) / 1e9;
      CacheStats stats = cached.stats();
      System.out.println("writes with " + writers + " writer(s), rate " + rate + ": " + stats);
      return new Result(offered, stats.writes(), stats.writesDropped(), stats.writes() / drained);
    }
  }

  private static long ended(CacheStats stats) {
    return stats.writes() + stats.writesSkipped();
  }
}
