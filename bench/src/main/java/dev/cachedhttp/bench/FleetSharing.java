package dev.cachedhttp.bench;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What instances sharing one table get from each other: the near cache on a hot key (hit latency
 * and DynamoDB requests per 1,000 hits, against a memory-backend hit), and fleet-wide coalescing
 * of cold keys (origin requests per key for {@value #INSTANCES} instances × {@value #CALLERS}
 * callers, with and without leases, and the DynamoDB requests the leases cost). Each instance
 * has its own {@code CachedClient}, backend and SDK client.
 */
final class FleetSharing {
  static final int INSTANCES = 4;
  static final int CALLERS = 8;
  private static final int HOT_HITS = 1_000;
  private static final int WARM_UP_HITS = 1_000;
  private static final int COLD_KEYS = 5;

  private final DynamoDbLocal local;
  private final MockWebServer origin;
  private final IntSupplier slowRequests;
  private final List<String> lines;
  private final FleetBench bench;

  /**
   * @param slowRequests how many requests the origin's slow path ({@code /slow/n}, 300 ms) got
   */
  FleetSharing(FleetBench bench, DynamoDbLocal local, MockWebServer origin,
      IntSupplier slowRequests, List<String> lines) {
    this.bench = bench;
    this.local = local;
    this.origin = origin;
    this.slowRequests = slowRequests;
    this.lines = lines;
  }

  void run() throws Exception {
    lines.add("## A hot key: " + HOT_HITS + " hits by one instance");
    lines.add("");
    lines.add("| instance | hit p50 | hit p99 | DynamoDB requests per 1,000 hits |");
    lines.add("|---|---|---|---|");
    hotKey(null, null, false); // JIT warm-up of the whole hit path, not reported
    hotKey("memory backend", null, false);
    hotKey("DynamoDB", bench.newTable(), false);
    hotKey("DynamoDB + near cache (5 s)", bench.newTable(), true);
    lines.add("");
    lines.add("## Cold keys: " + INSTANCES + " instances x " + CALLERS
        + " callers at once, origin answering in 300 ms");
    lines.add("");
    lines.add("| coalescing | origin requests per cold key | DynamoDB requests per cold key, "
        + "by operation |");
    lines.add("|---|---|---|");
    coldKeys(false);
    coldKeys(true);
  }

  private void hotKey(String name, String table, boolean near) throws Exception {
    RequestCounter counter = new RequestCounter();
    DynamoDbClient counted = local.clientBuilder()
        .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    CachedClient.Builder builder = CachedClient.builder()
        .expireAfter(Duration.ofHours(1))
        .backend(table == null ? MemoryBackend.create() : bench.backend(table, counted).build());
    if (near) {
      builder.nearCache(MemoryBackend.create(), CachedClient.Builder.DEFAULT_NEAR_CACHE_MAX_AGE);
    }
    String url = origin.url("/r/" + (table == null ? 0 : table.hashCode() & 0xffff)).toString();
    long[] nanos = new long[HOT_HITS];
    try (CachedClient cached = builder.build()) {
      OkHttpClient client = cached.client();
      FleetBench.get(client, url);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (cached.stats().writes() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(1); // until the background writer made the write (hits then read the table)
      }
      for (int i = 0; i < WARM_UP_HITS; i++) {
        FleetBench.get(client, url);
      }
      counter.reset();
      for (int i = 0; i < HOT_HITS; i++) {
        long start = System.nanoTime();
        FleetBench.get(client, url);
        nanos[i] = System.nanoTime() - start;
      }
    } finally {
      counted.close();
    }
    Arrays.sort(nanos);
    if (name == null) {
      return;
    }
    lines.add(String.format(Locale.ROOT, "| %s | %.1f µs | %.1f µs | %s |", name,
        nanos[HOT_HITS / 2] / 1e3, nanos[HOT_HITS * 99 / 100] / 1e3,
        table == null ? "-" : Long.toString(counter.total() * 1_000 / HOT_HITS)));
  }

  private void coldKeys(boolean leases) throws Exception {
    String table = bench.newTable();
    RequestCounter counter = new RequestCounter();
    List<DynamoDbClient> clients = new ArrayList<>();
    List<CachedClient> fleet = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * CALLERS);
    try {
      for (int i = 0; i < INSTANCES; i++) {
        DynamoDbClient counted = local.clientBuilder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        clients.add(counted);
        fleet.add(CachedClient.builder().backend(bench.backend(table, counted).build())
            .expireAfter(Duration.ofHours(1)).coalesceAcrossInstances(leases).build());
      }
      counter.reset();
      int before = slowRequests.getAsInt();
      for (int key = 0; key < COLD_KEYS; key++) {
        everyoneAsks(fleet, threads, origin.url("/slow/" + (leases ? 100 : 0) + key).toString());
      }
      fleet.forEach(CachedClient::close);
      double perKey = (slowRequests.getAsInt() - before) / (double) COLD_KEYS;
      StringBuilder operations = new StringBuilder();
      for (Map.Entry<String, Long> operation : counter.byOperation().entrySet()) {
        operations.append(operations.length() == 0 ? "" : ", ").append(operation.getKey())
            .append(' ').append(String.format(Locale.ROOT, "%.1f",
                operation.getValue() / (double) COLD_KEYS));
      }
      lines.add(String.format(Locale.ROOT, "| %s | %.2f | %s |",
          leases ? "coalesceAcrossInstances(true)" : "each instance on its own", perKey,
          operations));
    } finally {
      threads.shutdownNow();
      fleet.forEach(CachedClient::close);
      clients.forEach(DynamoDbClient::close);
    }
  }

  private static void everyoneAsks(List<CachedClient> fleet, ExecutorService threads, String url)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> calls = new ArrayList<>();
    for (CachedClient instance : fleet) {
      for (int c = 0; c < CALLERS; c++) {
        calls.add(threads.submit(() -> {
          start.await();
          return FleetBench.get(instance.client(), url);
        }));
      }
    }
    start.countDown();
    for (Future<?> call : calls) {
      call.get(60, TimeUnit.SECONDS);
    }
  }
}
