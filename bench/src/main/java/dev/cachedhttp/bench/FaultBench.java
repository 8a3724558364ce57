package dev.cachedhttp.bench;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import dev.cachedhttp.testkit.dynamodb.fault.DynamoDbFaultProxy;
import dev.cachedhttp.testkit.dynamodb.fault.Fault;
import dev.cachedhttp.testkit.dynamodb.fault.FaultPlan;
import dev.cachedhttp.testkit.dynamodb.fault.Workload;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The fault table of the resilience targets: the same workload as the fault-injection tests (8
 * threads, 50 JSON URLs of 1 KB and, every fifth, 32 KB, from an origin that answers after {@value
 * #ORIGIN_DELAY_MILLIS} ms) through cachedhttp over DynamoDB Local behind the fault proxy, one
 * fault per phase, next to the same calls without a cache. Prints p50 / p99 / longest call per
 * fault and checks the targets; writes the table as Markdown to the file named by the first
 * argument. Real time throughout (this measures), with a breaker cool-down of {@value
 * #COOL_DOWN_MILLIS} ms instead of the default to keep the run short.
 */
public final class FaultBench {
  static final int ORIGIN_DELAY_MILLIS = 50;
  static final long COOL_DOWN_MILLIS = 2_000;
  private static final int URLS = 50;
  private static final int THREADS = 8;
  private static final int CALLS = 400;
  private static final int MISS_CALLS = 200;
  /** Healthy phases run and thrown away first: DynamoDB Local and the SDK compile their code. */
  private static final int WARM_UP_ROUNDS = 3;

  private final MockWebServer origin = new MockWebServer();
  private final DynamoDbLocal local;
  private final DynamoDbFaultProxy proxy;
  private final Workload workload;
  private final OkHttpClient plain = new OkHttpClient();
  private final List<FaultRow> rows = new ArrayList<>();
  private int caches;

  private FaultBench() throws IOException {
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int id = Integer.parseInt(request.getUrl().pathSegments().get(1));
        return new MockResponse.Builder().body(body(id))
            .headersDelay(ORIGIN_DELAY_MILLIS, TimeUnit.MILLISECONDS)
            .addHeader("Content-Type", "application/json").build();
      }
    });
    origin.start(InetAddress.getLoopbackAddress(), 0);
    local = DynamoDbLocal.start();
    proxy = DynamoDbFaultProxy.start(local.endpoint());
    workload = new Workload(THREADS, IntStream.range(0, URLS)
        .mapToObj(i -> origin.url("/items/" + i).toString()).toList(), FaultBench::body,
        Workload::sameJson);
  }

  static String body(int id) {
    return Workload.jsonBody(id, id % 5 == 0 ? 32 * 1024 : 1024);
  }

  /** Runs every phase and writes the report to {@code args[0]} (default: stdout only). */
  public static void main(String[] args) throws Exception {
    FaultBench bench = new FaultBench();
    try {
      ReportFile.emit(bench.runAll(), args);
    } finally {
      bench.close();
    }
    System.exit(0);
  }

  private String runAll() throws Exception {
    DynamoDbBackend.builder().endpointOverride(local.endpoint()).region(local.region())
        .credentialsProvider(local.credentials()).build().close();
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      phase(FaultPlan.healthy());
    }
    Workload.Result baseline = workload.run(CALLS, url -> get(plain, url));
    for (FaultPlan plan : plans()) {
      rows.add(phase(plan));
    }
    MissComparison miss = missComparison();
    return FaultRow.report(baseline, rows, miss, COOL_DOWN_MILLIS);
  }

  private static List<FaultPlan> plans() {
    return List.of(
        FaultPlan.healthy(),
        FaultPlan.always(Fault.of(Fault.Kind.THROTTLE_PROVISIONED)),
        FaultPlan.share(30, Fault.of(Fault.Kind.THROTTLE_RATE)),
        FaultPlan.always(Fault.of(Fault.Kind.HANG)),
        FaultPlan.always(Fault.of(Fault.Kind.SERVER_ERROR)),
        FaultPlan.always(Fault.of(Fault.Kind.RESET)),
        FaultPlan.always(Fault.of(Fault.Kind.GARBAGE)),
        FaultPlan.readsOnly(Fault.of(Fault.Kind.DAMAGE_ITEMS)),
        FaultPlan.always(Fault.latency(Duration.ofMillis(100))));
  }

  private CachedClient cache() {
    DynamoDbBackend backend = DynamoDbBackend.builder()
        .endpointOverride(proxy.endpoint()).region(local.region())
        .credentialsProvider(local.credentials()).createTable(false)
        .cacheName("faults" + (++caches)).build();
    return CachedClient.builder().backend(backend).expireAfter(Duration.ofHours(1))
        .circuitBreaker(CircuitBreakerConfig.custom()
            .coolDown(Duration.ofMillis(COOL_DOWN_MILLIS)).build())
        .build();
  }

  private FaultRow phase(FaultPlan plan) throws Exception {
    proxy.plan(FaultPlan.healthy());
    try (CachedClient cached = cache()) {
      OkHttpClient client = cached.client();
      workload.run(URLS, url -> get(client, url));
      awaitWrites(cached, URLS);
      long openedBefore = cached.stats().circuitOpened();
      proxy.plan(plan);
      Workload.Result during = workload.run(CALLS, url -> get(client, url));
      long opened = cached.stats().circuitOpened() - openedBefore;
      proxy.plan(FaultPlan.healthy());
      Thread.sleep(COOL_DOWN_MILLIS);
      get(client, workload.urls().get(0));
      long hitsBefore = cached.stats().hits();
      Workload.Result after = workload.run(URLS, url -> get(client, url));
      double warmHits = (cached.stats().hits() - hitsBefore) / (double) URLS;
      System.out.println(plan + " (" + caches + "): " + during + "; breaker opened " + opened + "x; after: "
          + Math.round(warmHits * 100) + " % hits; " + cached.stats());
      return new FaultRow(plan.toString(), during, after, opened, warmHits);
    }
  }

  private MissComparison missComparison() throws Exception {
    proxy.plan(FaultPlan.healthy());
    try (CachedClient cached = cache()) {
      OkHttpClient client = cached.client();
      int[] counter = {0};
      Workload fresh = new Workload(1, List.of("fresh"), id -> body(1), Workload::sameJson);
      Workload.Call uncached = url -> get(plain, origin.url("/items/1?miss=p" + next(counter))
          .toString());
      Workload.Call missing = url -> get(client, origin.url("/items/1?miss=c" + next(counter))
          .toString());
      fresh.run(50, uncached);
      fresh.run(50, missing);
      Workload.Result plainMisses = fresh.run(MISS_CALLS, uncached);
      Workload.Result cachedMisses = fresh.run(MISS_CALLS, missing);
      return new MissComparison(plainMisses, cachedMisses);
    }
  }

  private static synchronized int next(int[] counter) {
    return counter[0]++;
  }

  private static void awaitWrites(CachedClient cached, long writes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cached.stats().writes() < writes && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static String get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code() + " for " + url);
      }
      return response.body().string();
    }
  }

  private void close() throws Exception {
    proxy.close();
    local.close();
    origin.close();
  }

  /** Misses with a healthy backend against the same calls without a cache. */
  record MissComparison(Workload.Result plain, Workload.Result cached) {}
}
