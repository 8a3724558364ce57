package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitBreakerConfig;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import dev.cachedhttp.testkit.dynamodb.fault.DynamoDbFaultProxy;
import dev.cachedhttp.testkit.dynamodb.fault.Fault;
import dev.cachedhttp.testkit.dynamodb.fault.FaultPlan;
import dev.cachedhttp.testkit.dynamodb.fault.Workload;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache over DynamoDB through {@link DynamoDbFaultProxy}, one fault per run: 8 threads make
 * 200 calls over 50 JSON URLs (1 KB, every fifth 20 KB, two of 700 KB random content stored as
 * chunks) while the fault lasts; each run starts with a new cache whose 8 threads call at once,
 * and the breaker must not have opened before the fault. Asserts only what
 * does not depend on timing: no call fails, every body is the origin's, the breaker opens under
 * the faults that make every backend call fail and closes once the fault ends and the cool-down
 * (on the fake clock) is over, and warm URLs are hits again then. Bodies are compared as JSON
 * values: the backend stores JSON as native attributes and does not keep key order.
 */
class FaultInjectionTest {
  private static final int URLS = 50;
  private static final int THREADS = 8;
  private static final int FAULT_CALLS = 200;
  private static final Duration COOL_DOWN = CircuitBreakerConfig.DEFAULT_COOL_DOWN;
  /**
   * The defaults, except that the breaker's warm-up ends within the healthy warm phase (50
   * lookups and 50 writes): a fault whose reads fail while writes succeed (damaged items) opens
   * the breaker only after the warm-up, which by default lasts 1,000 successful calls.
   */
  private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
      .warmUpCalls(URLS).build();
  /** Damages only binary attributes: of this workload's bodies, only the chunked ones. */
  private static final FaultPlan DAMAGED_CHUNKS =
      FaultPlan.readsOnly(Fault.of(Fault.Kind.DAMAGE_BINARY));

  private static MockWebServer origin;
  private static DynamoDbFaultProxy proxy;
  private static Workload workload;

  @BeforeAll
  static void start() throws IOException {
    origin = new MockWebServer();
    origin.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int id = Integer.parseInt(request.getUrl().pathSegments().get(1));
        return new MockResponse.Builder().body(body(id))
            .addHeader("Content-Type", "application/json").build();
      }
    });
    origin.start();
    proxy = DynamoDbFaultProxy.start(LocalTables.local().endpoint());
    warmUpDynamoDbLocal();
    List<String> urls = IntStream.range(0, URLS)
        .mapToObj(i -> origin.url("/items/" + i).toString()).toList();
    workload = new Workload(THREADS, urls, FaultInjectionTest::body, Workload::sameJson);
  }

  /**
   * Runs the first few hundred requests of this JVM's DynamoDB Local, which are slow while its
   * code is compiled, before the read budget counts.
   */
  private static void warmUpDynamoDbLocal() {
    String table = LocalTables.tableWithoutTtlDeletion("warm_up");
    try (DynamoDbBackend backend = LocalTables.backend(table, MutableClock.create())
        .writeTimeout(Duration.ofSeconds(10)).build()) {
      for (int i = 0; i < 200; i++) {
        String key = "k" + (i % URLS);
        backend.responses().put(key, dev.cachedhttp.spi.CachedResponse.builder()
            .url("https://example.com/" + i).method("GET").status(200)
            .headers(okhttp3.Headers.of("Content-Type", "application/json"))
            .body(okio.ByteString.encodeUtf8(body(i % URLS)))
            .createdAt(MutableClock.DEFAULT_START).build(), null);
        backend.lookup(key);
      }
    }
  }

  @AfterAll
  static void stop() {
    proxy.close();
    origin.close();
  }

  /** 1 KB, every fifth 20 KB, and two of random content past 400 KB compressed (chunked). */
  private static String body(int id) {
    if (id % 25 == 12) {
      return Workload.randomJsonBody(id, 700_000);
    }
    return Workload.jsonBody(id, id % 5 == 0 ? 20_000 : 1_000);
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(FaultPlan.always(Fault.of(Fault.Kind.THROTTLE_PROVISIONED)), true),
        Arguments.of(FaultPlan.always(Fault.of(Fault.Kind.THROTTLE_RATE)), true),
        Arguments.of(FaultPlan.always(Fault.of(Fault.Kind.SERVER_ERROR)), true),
        Arguments.of(FaultPlan.always(Fault.of(Fault.Kind.RESET)), true),
        Arguments.of(FaultPlan.always(Fault.of(Fault.Kind.HANG)), true),
        Arguments.of(FaultPlan.always(Fault.of(Fault.Kind.GARBAGE)), true),
        Arguments.of(FaultPlan.readsOnly(Fault.of(Fault.Kind.DAMAGE_ITEMS)), true),
        Arguments.of(DAMAGED_CHUNKS, false),
        Arguments.of(FaultPlan.share(30, Fault.of(Fault.Kind.THROTTLE_RATE)), false),
        Arguments.of(FaultPlan.always(Fault.latency(Duration.ofMillis(20))), false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("faults")
  void callsSucceedWithTheOriginsBodiesAndHitsResumeAfterTheFault(FaultPlan fault,
      boolean breakerOpens) throws IOException {
    MutableClock clock = MutableClock.create();
    String table = LocalTables.tableWithoutTtlDeletion("faults");
    DynamoDbLocal local = LocalTables.local();
    DynamoDbBackend backend = DynamoDbBackend.builder().tableName(table)
        .endpointOverride(proxy.endpoint()).region(local.region())
        .credentialsProvider(local.credentials()).createTable(false).clock(clock)
        .readTimeout(Duration.ofSeconds(1)).readAttemptTimeout(Duration.ofMillis(500))
        .writeTimeout(Duration.ofSeconds(3)).build();
    proxy.plan(FaultPlan.healthy());
    LeaseCounting counted = new LeaseCounting(backend);
    try (CachedClient cached = CachedClient.builder().backend(counted).clock(clock)
        .circuitBreaker(BREAKER).expireAfter(Duration.ofDays(1))
        .coalesceAcrossInstances(true).build()) {
      OkHttpClient client = cached.client();
      assertAllOk(workload.run(URLS, url -> get(client, url)));
      awaitTrue(() -> cached.stats().writes() == URLS);
      assertThat(cached.stats().circuitOpened()).as("opened before the fault: %s", cached.stats())
          .isZero();

      assertThat(counted.acquired.get()).as("leases taken by the warm phase's misses")
          .isPositive();

      long faultsBefore = proxy.faultsInjected();
      long errorsBefore = cached.stats().backendErrors();
      proxy.plan(fault);
      assertAllOk(workload.run(FAULT_CALLS, url -> get(client, url)));
      assertThat(proxy.faultsInjected()).isGreaterThan(faultsBefore);
      if (fault == DAMAGED_CHUNKS) {
        assertThat(cached.stats().backendErrors()).as("damaged chunks read: %s", cached.stats())
            .isGreaterThan(errorsBefore);
      }
      if (breakerOpens) {
        assertThat(cached.stats().circuitState()).as("%s", cached.stats())
            .isEqualTo(CircuitState.OPEN);
      }

      proxy.plan(FaultPlan.healthy());
      probeUntilClosed(cached, client, clock);
      CacheStats before = cached.stats();
      assertAllOk(workload.run(URLS, url -> get(client, url)));
      long hits = cached.stats().hits() - before.hits();
      assertThat(hits).as("warm URLs served from DynamoDB after the fault, %s", cached.stats())
          .isGreaterThanOrEqualTo(
          URLS * 95L / 100);
      if (breakerOpens) {
        assertThat(cached.stats().circuitOpened()).isGreaterThanOrEqualTo(1);
      }
    }
  }

  /**
   * Lets the cool-down pass on the fake clock and makes calls until the breaker has closed. The
   * probe may be a call's read or the background writer's next write; while writes made during
   * the fault are still queued, lookups of their URLs are answered from the pending writes and
   * do not reach the backend. A probe that still met the fault (a write decided before it ended)
   * opens the breaker for another cool-down, which the clock is moved over again.
   */
  private static void probeUntilClosed(CachedClient cached, OkHttpClient client,
      MutableClock clock) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int i = 0; cached.stats().circuitState() != CircuitState.CLOSED; i++) {
      assertThat(System.nanoTime()).as("breaker still not closed: %s", cached.stats())
          .isLessThan(deadline);
      if (cached.stats().circuitState() == CircuitState.OPEN) {
        clock.advance(COOL_DOWN);
      }
      assertThat(Workload.sameJson(body(i % URLS), get(client, workload.urls().get(i % URLS))))
          .isTrue();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  private static void assertAllOk(Workload.Result result) {
    assertThat(result.failures()).as("failed calls").isEmpty();
    assertThat(result.wrong()).as("calls whose body differed from the origin's").isZero();
  }

  private static String get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  /**
   * The backend under test, counting the leases it grants: leases are in play in every phase
   * (each cold miss takes one), faults included.
   */
  private static final class LeaseCounting extends dev.cachedhttp.testkit.ForwardingBackend {
    private final java.util.concurrent.atomic.AtomicLong acquired =
        new java.util.concurrent.atomic.AtomicLong();

    LeaseCounting(DynamoDbBackend delegate) {
      super(delegate);
    }

    @Override
    public java.util.Optional<dev.cachedhttp.spi.Leases> leases() {
      dev.cachedhttp.spi.Leases leases = delegate().leases().orElseThrow();
      return java.util.Optional.of(new dev.cachedhttp.spi.Leases() {
        @Override
        public java.util.Optional<java.time.Instant> acquire(String key, String owner,
            java.time.Instant expiresAt) {
          java.util.Optional<java.time.Instant> held = leases.acquire(key, owner, expiresAt);
          if (held.isEmpty()) {
            acquired.incrementAndGet();
          }
          return held;
        }

        @Override
        public java.util.Optional<java.time.Instant> holder(String key) {
          return leases.holder(key);
        }

        @Override
        public void release(String key, String owner) {
          leases.release(key, owner);
        }
      });
    }
  }
}
