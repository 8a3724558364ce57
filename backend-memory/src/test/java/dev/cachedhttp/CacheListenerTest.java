package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheListener.NotStoredReason;
import dev.cachedhttp.testkit.ScriptedBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Every outcome of every call reaches listeners exactly once; listeners cannot hurt a call. */
class CacheListenerTest extends OriginFixture {

  /** Writes each event as one line. */
  private static final class Recorder implements CacheListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void hit(Request request, Response response, String key) {
      events.add("hit " + request.url().encodedPath());
    }

    @Override
    public void miss(Request request, Response response, String key) {
      events.add("miss " + request.url().encodedPath());
    }

    @Override
    public void revalidated(Request request, Response response, String key) {
      events.add("revalidated " + request.url().encodedPath());
    }

    @Override
    public void staleServed(Request request, Response response, String key,
        StaleReason reason) {
      events.add("stale " + reason + " " + request.url().encodedPath());
    }

    @Override
    public void coalesced(Request request, Response response, String key) {
      events.add("coalesced " + request.url().encodedPath());
    }

    @Override
    public void unsatisfiable(Request request, Response response, String key) {
      events.add("unsatisfiable " + request.url().encodedPath());
    }

    @Override
    public void bypassed(Request request, Response response) {
      events.add("bypassed " + request.url().encodedPath());
    }

    @Override
    public void stored(Request request, Response response, String key) {
      events.add("stored " + request.url().encodedPath());
    }

    @Override
    public void notStored(Request request, Response response, String key,
        NotStoredReason reason) {
      events.add("not stored " + reason + " " + request.url().encodedPath());
    }

    @Override
    public void invalidated(Request request, HttpUrl url) {
      events.add("invalidated " + url.encodedPath());
    }

    @Override
    public void backendError(String operation, Throwable error) {
      events.add("backend error " + operation);
    }

    @Override
    public void circuitStateChanged(CircuitState state) {
      events.add("circuit " + state);
    }

    @Override
    public void backgroundRefresh(Request request, boolean succeeded) {
      events.add("refreshed " + succeeded + " " + request.url().encodedPath());
    }
  }

  private static MockResponse withHeader(String body, String name, String value) {
    return new MockResponse.Builder().body(body).addHeader(name, value).build();
  }

  @Test
  void everyOutcomeFiresExactlyOnce() throws Exception {
    Recorder recorder = new Recorder();
    OkHttpClient client = client(builder().cacheControl(true).allowableCodes(200)
        .maxBodyBytes(16).filter(response -> !response.request().url().encodedPath()
            .equals("/refused"))
        .listener(recorder).listenerExecutor(Runnable::run));
    origin.enqueue(withHeader("a", "Cache-Control", "max-age=60"));
    origin.enqueue(new MockResponse.Builder().body("v").addHeader("ETag", "\"1\"")
        .addHeader("Cache-Control", "max-age=0").build());
    origin.enqueue(new MockResponse.Builder().code(304).build());
    origin.enqueue(new MockResponse.Builder().code(404).build());
    origin.enqueue(withHeader("x".repeat(100), "Cache-Control", "max-age=60"));
    origin.enqueue(withHeader("r", "Cache-Control", "max-age=60"));
    origin.enqueue(withHeader("n", "Cache-Control", "no-store"));
    origin.enqueue(withHeader("s", "Cache-Control", "max-age=1, stale-while-revalidate=60"));
    origin.enqueue(withHeader("s2", "Cache-Control", "max-age=60"));
    origin.enqueue(ok("posted"));

    get(client, "/a");
    get(client, "/a");
    get(client, "/v");
    get(client, "/v");
    get(client, "/404");
    get(client, "/large");
    get(client, "/refused");
    get(client, "/no-store");
    get(client, "/stale");
    clock.advance(Duration.ofSeconds(5));
    get(client, "/stale");
    awaitEvent(recorder, "refreshed true /stale");
    call(client, new Request.Builder().url(origin.url("/none"))
        .header("Cache-Control", "only-if-cached").build());
    call(client, new Request.Builder().url(origin.url("/a"))
        .post(RequestBody.create("x", MediaType.get("text/plain"))).build());

    // The background refresh reports from its own thread, before or after the stale answer.
    assertThat(recorder.events).containsSubsequence("stale WHILE_REVALIDATING /stale",
        "unsatisfiable /none");
    assertThat(recorder.events).containsSubsequence("miss /stale", "stored /stale",
        "miss /stale", "stored /stale", "refreshed true /stale", "unsatisfiable /none");
    assertThat(recorder.events).containsExactlyInAnyOrder(
        "circuit CLOSED",
        "miss /a", "stored /a",
        "hit /a",
        "miss /v", "stored /v",
        "revalidated /v", "stored /v",
        "miss /404", "not stored STATUS_NOT_ALLOWED /404",
        "miss /large", "not stored TOO_LARGE /large",
        "miss /refused", "not stored FILTER_REFUSED /refused",
        "miss /no-store", "not stored NOT_STORABLE /no-store",
        "miss /stale", "stored /stale",
        "stale WHILE_REVALIDATING /stale",
        "miss /stale", "stored /stale", "refreshed true /stale",
        "unsatisfiable /none",
        "invalidated /a", "bypassed /a");
    CacheStats stats = cached.stats();
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(9);
    assertThat(stats.revalidations()).isEqualTo(1);
    assertThat(stats.staleServed()).isEqualTo(1);
    assertThat(stats.backgroundRefreshes()).isEqualTo(1);
    assertThat(stats.bypassed()).isEqualTo(1);
    assertThat(stats.invalidations()).isEqualTo(1);
    assertThat(stats.writesSkipped()).isEqualTo(4);
  }

  /** Background refreshes run on their own thread: waits (bounded) for the event. */
  private static void awaitEvent(Recorder recorder, String event) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!recorder.events.contains(event) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void credentialsAddedBelowAndBackendFailuresAreReasonsToo() throws Exception {
    Recorder recorder = new Recorder();
    ScriptedBackend scripted = new ScriptedBackend(backend, clock);
    cached = builder().backend(scripted).writeMode(WriteMode.SYNC)
        .listener(recorder).listenerExecutor(Runnable::run).build();
    OkHttpClient signed = cached.client(new OkHttpClient.Builder()
        .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", Credentials.basic("u", "p")).build())).build());
    enqueue("signed", "failing");

    get(signed, "/signed");
    scripted.failing(true);
    get(cached.client(), "/failing");

    assertThat(recorder.events).containsExactly("circuit CLOSED",
        "miss /signed", "not stored CREDENTIALS_ADDED_BELOW /signed",
        "backend error read", "miss /failing", "backend error write",
        "not stored WRITE_FAILED /failing");
  }

  @Test
  void aThrowingListenerChangesNothing() throws Exception {
    CacheListener throwing = new CacheListener() {
      @Override
      public void hit(Request request, Response response, String key) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void miss(Request request, Response response, String key) {
        throw new AssertionError("listener bug");
      }
    };
    Recorder after = new Recorder();
    OkHttpClient client = client(builder().listener(throwing).listener(after)
        .listenerExecutor(Runnable::run));
    enqueue("body");

    Result first = get(client, "/x");
    Result second = get(client, "/x");

    assertThat(first.body()).isEqualTo("body");
    assertThat(second.body()).isEqualTo("body");
    assertThat(second.info().fromCache()).isTrue();
    assertThat(after.events).containsExactly("circuit CLOSED", "miss /x", "stored /x", "hit /x");
  }

  @Test
  void aSlowListenerNeverStallsACall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch heard = new CountDownLatch(2);
    CacheListener slow = new CacheListener() {
      @Override
      public void hit(Request request, Response response, String key) {
        await(release);
        heard.countDown();
      }

      @Override
      public void miss(Request request, Response response, String key) {
        await(release);
        heard.countDown();
      }
    };
    OkHttpClient client = client(builder().listener(slow));
    enqueue("body");

    Result first = get(client, "/x");
    Result second = get(client, "/x");
    release.countDown();

    assertThat(first.body()).isEqualTo("body");
    assertThat(second.info().fromCache()).isTrue();
    assertThat(heard.await(5, TimeUnit.SECONDS)).as("the events arrive later").isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
