package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** stale-if-error and stale-while-revalidate, settings and directives, on the fake clock. */
class StaleTest extends OriginFixture {
  private final QueuedExecutor background = new QueuedExecutor();

  /** Runs background work only when the test says so, on the test's thread. */
  static final class QueuedExecutor implements Executor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    int pending() {
      return tasks.size();
    }

    void runAll() {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }
  }

  private OkHttpClient noRetries(CachedClient.Builder builder) {
    cached = builder.backgroundExecutor(background).build();
    return cached.client(new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
  }

  private static MockResponse disconnect() {
    return new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("error " + code).build();
  }

  @Test
  void staleIfErrorServesTheStaleEntryWithinTheWindowAndFailsAfterIt() throws Exception {
    origin.enqueue(response("v1"));
    origin.enqueue(status(503));
    origin.enqueue(disconnect());
    origin.enqueue(status(503));
    origin.enqueue(disconnect());
    OkHttpClient client = noRetries(builder().expireAfter(Duration.ofMinutes(1))
        .staleIfError(Duration.ofMinutes(10)));

    get(client, "/sie");
    clock.advance(Duration.ofMinutes(2));
    Result on503 = get(client, "/sie");
    clock.advance(Duration.ofMinutes(9).minusSeconds(1));
    Result onDisconnect = get(client, "/sie");
    clock.advance(Duration.ofSeconds(1));
    Result afterWindow = get(client, "/sie");

    assertThat(on503.code()).isEqualTo(200);
    assertThat(on503.body()).isEqualTo("v1");
    assertThat(on503.info().source()).isEqualTo(CacheInfo.Source.STALE_IF_ERROR);
    assertThat(on503.info().isExpired()).isTrue();
    assertThat(onDisconnect.body()).isEqualTo("v1");
    assertThat(onDisconnect.info().source()).isEqualTo(CacheInfo.Source.STALE_IF_ERROR);
    assertThat(afterWindow.code()).isEqualTo(503);
    assertThat(afterWindow.info().fromCache()).isFalse();
    assertThatThrownBy(() -> get(client, "/sie")).isInstanceOf(IOException.class);
    assertThat(cached.stats().staleServed()).isEqualTo(2);
  }

  @Test
  void withCacheControlAStaleEntryIsServedWhenTheOriginCannotBeReachedUnlessForbidden()
      throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60"));
    origin.enqueue(response("m1", "Cache-Control", "max-age=60, must-revalidate"));
    origin.enqueue(disconnect());
    origin.enqueue(status(503));
    origin.enqueue(disconnect());
    OkHttpClient client = noRetries(builder().cacheControl(true));

    get(client, "/open");
    get(client, "/strict");
    clock.advance(Duration.ofMinutes(5));
    Result disconnected = get(client, "/open");
    Result on503 = get(client, "/open");

    assertThat(disconnected.body()).isEqualTo("v1");
    assertThat(disconnected.info().source()).isEqualTo(CacheInfo.Source.STALE_IF_ERROR);
    assertThat(disconnected.response().header("Age")).isEqualTo("300");
    assertThat(on503.code()).isEqualTo(503);
    assertThatThrownBy(() -> get(client, "/strict")).isInstanceOf(IOException.class);
  }

  @Test
  void withoutCacheControlAnUnreachableOriginFailsTheCallWhenNoStaleWindowIsSet()
      throws Exception {
    origin.enqueue(response("v1"));
    origin.enqueue(disconnect());
    OkHttpClient client = noRetries(builder().expireAfter(Duration.ofMinutes(1)));

    get(client, "/plain");
    clock.advance(Duration.ofMinutes(2));

    assertThatThrownBy(() -> get(client, "/plain")).isInstanceOf(IOException.class);
  }

  @Test
  void staleIfErrorDirectiveOpensTheWindowWithCacheControl() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60, stale-if-error=300"));
    origin.enqueue(status(500));
    origin.enqueue(status(500));
    OkHttpClient client = noRetries(builder().cacheControl(true));

    get(client, "/d");
    clock.advance(Duration.ofSeconds(359));
    Result within = get(client, "/d");
    clock.advance(Duration.ofSeconds(1));
    Result after = get(client, "/d");

    assertThat(within.body()).isEqualTo("v1");
    assertThat(within.info().source()).isEqualTo(CacheInfo.Source.STALE_IF_ERROR);
    assertThat(after.code()).isEqualTo(500);
  }

  @Test
  void mustRevalidateForbidsServingStaleOnError() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=60, must-revalidate",
        "ETag", "\"m\""));
    origin.enqueue(status(502));
    OkHttpClient client = noRetries(builder().cacheControl(true)
        .staleIfError(Duration.ofHours(1)));

    get(client, "/mr");
    clock.advance(Duration.ofMinutes(2));
    Result failed = get(client, "/mr");

    assertThat(failed.code()).isEqualTo(502);
    assertThat(cached.stats().staleServed()).isZero();
  }

  @Test
  void staleWhileRevalidateAnswersAtOnceAndTheNextCallSeesTheRefreshedBody()
      throws Exception {
    origin.enqueue(response("v1", "ETag", "\"1\""));
    origin.enqueue(response("v2", "ETag", "\"2\""));
    OkHttpClient client = noRetries(builder().expireAfter(Duration.ofMinutes(1))
        .staleWhileRevalidate(Duration.ofMinutes(1)));

    get(client, "/swr");
    clock.advance(Duration.ofSeconds(90));
    Result stale = get(client, "/swr");
    Result staleAgain = get(client, "/swr");

    assertThat(stale.body()).isEqualTo("v1");
    assertThat(stale.info().source()).isEqualTo(CacheInfo.Source.STALE_WHILE_REVALIDATE);
    assertThat(staleAgain.info().source()).isEqualTo(CacheInfo.Source.STALE_WHILE_REVALIDATE);
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(background.pending()).isEqualTo(1);

    background.runAll();
    Result refreshed = get(client, "/swr");

    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"1\"");
    assertThat(refreshed.body()).isEqualTo("v2");
    assertThat(refreshed.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(origin.getRequestCount()).isEqualTo(2);
    assertThat(cached.stats().backgroundRefreshes()).isEqualTo(1);
    assertThat(cached.stats().staleServed()).isEqualTo(2);
  }

  @Test
  void aFailedBackgroundRefreshIsCountedAndTheNextStaleCallTriesAgain() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=10, stale-while-revalidate=60"));
    origin.enqueue(disconnect());
    origin.enqueue(response("v2", "Cache-Control", "max-age=10"));
    OkHttpClient client = noRetries(builder().cacheControl(true));

    get(client, "/fail");
    clock.advance(Duration.ofSeconds(20));
    Result stale = get(client, "/fail");
    background.runAll();
    Result staleAgain = get(client, "/fail");
    background.runAll();
    Result refreshed = get(client, "/fail");

    assertThat(stale.info().source()).isEqualTo(CacheInfo.Source.STALE_WHILE_REVALIDATE);
    assertThat(staleAgain.body()).isEqualTo("v1");
    assertThat(cached.stats().backgroundRefreshFailures()).isEqualTo(1);
    assertThat(cached.stats().backgroundRefreshes()).isEqualTo(1);
    assertThat(refreshed.body()).isEqualTo("v2");
  }

  @Test
  void beyondTheStaleWhileRevalidateWindowTheCallWaitsForTheOrigin() throws Exception {
    origin.enqueue(response("v1", "Cache-Control", "max-age=10, stale-while-revalidate=60"));
    origin.enqueue(response("v2", "Cache-Control", "max-age=10"));
    OkHttpClient client = noRetries(builder().cacheControl(true));

    get(client, "/late");
    clock.advance(Duration.ofSeconds(70));
    Result late = get(client, "/late");

    assertThat(late.body()).isEqualTo("v2");
    assertThat(late.info().source()).isEqualTo(CacheInfo.Source.NETWORK);
    assertThat(background.pending()).isZero();
  }

  @Test
  void afterCloseNoBackgroundRefreshIsScheduled() throws Exception {
    origin.enqueue(response("v1"));
    origin.enqueue(response("v2"));
    OkHttpClient client = noRetries(builder().backend(new OutlivingClose(backend))
        .expireAfter(Duration.ofMinutes(1)).staleWhileRevalidate(Duration.ofMinutes(5)));
    get(client, "/closed");
    clock.advance(Duration.ofMinutes(2));
    cached.close();

    Result afterClose = get(client, "/closed");

    assertThat(backend.responses().count()).as("the stale entry is still stored").isEqualTo(1);
    assertThat(afterClose.body()).isEqualTo("v2");
    assertThat(afterClose.info().source()).isEqualTo(CacheInfo.Source.BYPASS);
    assertThat(background.pending()).isZero();
  }

  /** A backend whose entries outlive the cache's close, so a closed cache could still see them. */
  private static final class OutlivingClose extends dev.cachedhttp.testkit.ForwardingBackend {
    OutlivingClose(dev.cachedhttp.spi.Backend delegate) {
      super(delegate);
    }

    @Override
    public void close() {}
  }
}
