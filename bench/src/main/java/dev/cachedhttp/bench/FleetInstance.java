package dev.cachedhttp.bench;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One new instance of a fleet, run as its own JVM by {@link FleetBench} so that its start is
 * really cold: a new {@link CachedClient} on its own {@link DynamoDbBackend} and SDK client, with
 * the defaults ({@code createTable(true)}: the table exists, so {@code build()} describes it and
 * warms the client up), then {@value #CALLERS} callers released at once, each asking for the
 * {@value #URLS} URLs in its own order. Prints one line: {@code STATS} and the counters, which
 * the parent parses.
 *
 * <p>Arguments: DynamoDB endpoint, table, origin base URL, and {@code new} (the defaults) or
 * {@code old} (the breaker and client of before the cold-start work: slow reads counted from the
 * first call, no warm-up of the breaker or the client).
 */
public final class FleetInstance {
  static final int CALLERS = 16;
  static final int URLS = 64;

  private FleetInstance() {}

  /** Runs the instance; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    boolean old = args[3].equals("old");
    long start = System.nanoTime();
    DynamoDbBackend.Builder backend = DynamoDbBackend.builder().tableName(args[1])
        .endpointOverride(URI.create(args[0])).region("us-east-1")
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("local", "local")));
    CachedClient.Builder cache = CachedClient.builder()
        .expireAfter(java.time.Duration.ofHours(1));
    if (old) {
      backend.warmUp(false);
      cache.circuitBreaker(CircuitBreakerConfig.custom().countSlowCalls(true).warmUpCalls(0)
          .build());
    }
    CachedClient cached = cache.backend(backend.build()).build();
    long built = System.nanoTime();
    int wrong;
    try (cached) {
      wrong = run(cached.client(), args[2]);
    }
    long end = System.nanoTime();
    CacheStats s = cached.stats();
    System.out.println(String.format(Locale.ROOT,
        "STATS hits=%d misses=%d coalesced=%d writes=%d dropped=%d opened=%d errors=%d "
            + "wrong=%d buildMs=%d runMs=%d",
        s.hits(), s.misses(), s.coalesced(), s.writes(), s.writesDropped(), s.circuitOpened(),
        s.backendErrors(), wrong, (built - start) / 1_000_000, (end - built) / 1_000_000));
    System.exit(0);
  }

  private static int run(OkHttpClient client, String base) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> done = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < URLS; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(c));
      done.add(callers.submit(() -> {
        go.await();
        int wrong = 0;
        for (int i : order) {
          if (!FleetBench.textBody(i).equals(get(client, base + "/r/" + i))) {
            wrong++;
          }
        }
        return wrong;
      }));
    }
    go.countDown();
    int wrong = 0;
    for (Future<Integer> caller : done) {
      wrong += caller.get(5, TimeUnit.MINUTES);
    }
    callers.shutdown();
    return wrong;
  }

  private static String get(OkHttpClient client, String url) throws Exception {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.body().string();
    }
  }
}
