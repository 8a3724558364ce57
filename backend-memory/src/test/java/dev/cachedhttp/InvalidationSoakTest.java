package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads GET and PUT a few URLs through one cache; each PUT changes the resource before the
 * origin answers it. After its own PUT returned, a thread must never be answered with a version
 * older than the one its PUT made: no coalesced flight, late store or queued write may bring an
 * older answer back. Bounded in calls, not time.
 */
class InvalidationSoakTest extends OriginFixture {
  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 400;
  private static final int URLS = 20;

  /** An origin that keeps a version per path: PUT increments it, GET answers it. */
  private static final class VersionedOrigin extends Dispatcher {
    final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      AtomicLong version = versions.computeIfAbsent(request.getUrl().encodedPath(),
          path -> new AtomicLong());
      if ("PUT".equals(request.getMethod())) {
        return new MockResponse.Builder().body(Long.toString(version.incrementAndGet())).build();
      }
      return new MockResponse.Builder().body(Long.toString(version.get())).build();
    }
  }

  @ParameterizedTest
  @EnumSource(value = WriteMode.class, names = {"SYNC", "ASYNC"})
  void noThreadIsAnsweredWithAVersionOlderThanItsOwnCompletedPut(WriteMode mode)
      throws Exception {
    origin.setDispatcher(new VersionedOrigin());
    OkHttpClient client = client(builder().writeMode(mode));
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    AtomicInteger checked = new AtomicInteger();
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        results.add(threads.submit(() -> run(client, new Random(seed), checked)));
      }
      List<String> stale = new ArrayList<>();
      for (Future<List<String>> result : results) {
        stale.addAll(result.get(60, TimeUnit.SECONDS));
      }
      assertThat(checked.get()).as("GETs checked against the thread's own PUT")
          .isGreaterThan(500);
      assertThat(cached.stats().hits()).as("the cache was used").isPositive();
      assertThat(stale).isEmpty();
    } finally {
      threads.shutdownNow();
    }
  }

  private List<String> run(OkHttpClient client, Random random, AtomicInteger checked)
      throws Exception {
    Map<String, Long> ownPut = new HashMap<>();
    List<String> stale = new ArrayList<>();
    for (int i = 0; i < CALLS_PER_THREAD; i++) {
      String path = "/r" + random.nextInt(URLS);
      if (random.nextInt(100) < 5) {
        Result put = call(client, new Request.Builder().url(origin.url(path))
            .put(RequestBody.create("x", MediaType.get("text/plain"))).build());
        ownPut.put(path, Long.parseLong(put.body()));
        continue;
      }
      long version = Long.parseLong(get(client, path).body());
      Long mine = ownPut.get(path);
      if (mine != null) {
        checked.incrementAndGet();
        if (version < mine) {
          stale.add(path + ": got version " + version + " after my PUT made " + mine);
        }
      }
    }
    return stale;
  }
}
