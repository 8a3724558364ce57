package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CacheListener.NotStoredReason;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/**
 * A miss's body streams to the caller as it arrives while the cache keeps a copy, stored once the
 * body is complete; a body that passes the limit, is cut off, or is abandoned is not stored.
 */
class StreamingMissTest extends OriginFixture {
  private static final int SIZE = 64 * 1024;

  /** The reasons listeners were given, in order. */
  private final List<NotStoredReason> notStored = new CopyOnWriteArrayList<>();
  private final List<String> stored = new CopyOnWriteArrayList<>();

  private CachedClient.Builder listened() {
    return builder().listenerExecutor(Runnable::run).listener(new CacheListener() {
      @Override
      public void stored(Request request, Response response, String key) {
        stored.add(request.url().encodedPath());
      }

      @Override
      public void notStored(Request request, Response response, String key,
          NotStoredReason reason) {
        notStored.add(reason);
      }
    });
  }

  private static String text(int size) {
    StringBuilder out = new StringBuilder(size);
    for (int i = 0; out.length() < size; i++) {
      out.append(i % 10);
    }
    return out.toString();
  }

  @Test
  void theCallerReadsTheFirstBytesBeforeTheOriginSentTheRestAndTheBodyIsStoredAtItsEnd()
      throws Exception {
    String body = text(SIZE);
    origin.enqueue(ok(body));
    CountDownLatch gate = new CountDownLatch(1);
    OkHttpClient client = client(listened()).newBuilder()
        .addNetworkInterceptor(chain -> gated(chain.proceed(chain.request()), 1024, gate))
        .build();

    CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> {
      try {
        Response response = client.newCall(new Request.Builder().url(origin.url("/big")).build())
            .execute();
        response.body().source().require(1024);
        return response;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    Response response = first.get(10, TimeUnit.SECONDS); // the rest is still held back
    CacheInfo info = CacheInfo.of(response);
    assertThat(info.source()).isEqualTo(CacheInfo.Source.NETWORK);
    assertThat(info.stored()).as("not stored before its end").isFalse();
    assertThat(backend.responses().keys()).isEmpty();

    gate.countDown();
    assertThat(response.body().string()).isEqualTo(body);
    response.close();
    assertThat(info.stored()).isTrue();
    assertThat(stored).containsExactly("/big");

    Result again = get(client, "/big");
    assertThat(again.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(again.body()).isEqualTo(body);
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aBodyPassingTheLimitMidStreamReachesTheCallerWholeAndIsNotStored() throws Exception {
    String body = text(SIZE);
    origin.enqueue(new MockResponse.Builder().chunkedBody(body, 1000).build());
    origin.enqueue(ok("again"));
    OkHttpClient client = client(listened().maxBodyBytes(SIZE / 2));

    Result first = get(client, "/chunked");

    assertThat(first.body()).isEqualTo(body);
    assertThat(first.response().header("Content-Length")).isNull();
    assertThat(first.info().stored()).isFalse();
    assertThat(notStored).containsExactly(NotStoredReason.TOO_LARGE);
    assertThat(get(client, "/chunked").body()).isEqualTo("again");
  }

  @Test
  void aBodyTheOriginCutsOffFailsTheCallerAndIsNotStored() throws Exception {
    origin.enqueue(new MockResponse.Builder().body(text(SIZE))
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    origin.enqueue(ok("whole"));
    OkHttpClient client = client(listened());

    assertThatThrownBy(() -> get(client, "/cut")).isInstanceOf(IOException.class);

    assertThat(notStored).containsExactly(NotStoredReason.INCOMPLETE);
    assertThat(backend.responses().keys()).isEmpty();
    assertThat(get(client, "/cut").body()).isEqualTo("whole");
  }

  @Test
  void aCallerThatStopsAtTheDeclaredLengthWithoutAskingForTheEndStoresTheBody()
      throws Exception {
    String body = text(SIZE);
    origin.enqueue(ok(body));
    OkHttpClient client = client(listened());

    try (Response response = client.newCall(new Request.Builder().url(origin.url("/exact"))
        .build()).execute()) {
      assertThat(response.body().source().readUtf8(SIZE)).isEqualTo(body);
      assertThat(CacheInfo.of(response).stored()).isTrue();
    }

    assertThat(stored).containsExactly("/exact");
    assertThat(get(client, "/exact").info().source()).isEqualTo(CacheInfo.Source.CACHE);
  }

  @Test
  void aCallerThatClosesEarlyStoresTheBodyWhenItsRestArrivesWithinTheDrain() throws Exception {
    String body = text(SIZE);
    origin.enqueue(ok(body));
    OkHttpClient client = client(listened());

    try (Response response = client.newCall(new Request.Builder().url(origin.url("/early"))
        .build()).execute()) {
      assertThat(response.body().source().readUtf8(10)).isEqualTo(body.substring(0, 10));
    }

    assertThat(stored).containsExactly("/early");
    Result again = get(client, "/early");
    assertThat(again.info().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(again.body()).isEqualTo(body);
  }

  @Test
  void aCallerThatClosesEarlyStoresNothingWhenTheRestDoesNotArriveWithinTheDrain()
      throws Exception {
    origin.enqueue(ok(text(SIZE)));
    origin.enqueue(ok("whole"));
    CountDownLatch never = new CountDownLatch(1);
    OkHttpClient client = client(listened()).newBuilder()
        .addNetworkInterceptor(chain -> gated(chain.proceed(chain.request()), 1024, never))
        .build();

    try (Response response = client.newCall(new Request.Builder().url(origin.url("/stalled"))
        .build()).execute()) {
      response.body().source().require(1024);
    }

    assertThat(notStored).containsExactly(NotStoredReason.INCOMPLETE);
    assertThat(backend.responses().keys()).isEmpty();
  }

  @Test
  void theFilterReadsTheWholeBodyWhileTheCallerGetsItToo() throws Exception {
    String body = text(SIZE);
    origin.enqueue(ok(body));
    origin.enqueue(ok("secret inside"));
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient client = client(listened().filter(response -> {
      try {
        String read = response.body().string();
        seen.add(read);
        return !read.contains("secret");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));

    assertThat(get(client, "/public").body()).isEqualTo(body);
    assertThat(get(client, "/private").body()).isEqualTo("secret inside");

    assertThat(seen).containsExactly(body, "secret inside");
    assertThat(stored).containsExactly("/public");
    assertThat(notStored).containsExactly(NotStoredReason.FILTER_REFUSED);
  }

  /**
   * {@code response} with a body that delivers its first {@code open} bytes, then waits for
   * {@code gate} (at most 10 s, or until its source's deadline) before delivering the rest.
   */
  private static Response gated(Response response, long open, CountDownLatch gate) {
    ResponseBody body = response.body();
    BufferedSource held = Okio.buffer(new ForwardingSource(body.source()) {
      private long delivered;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        if (delivered >= open) {
          waitFor(gate, timeout().hasDeadline() ? timeout().deadlineNanoTime() - System.nanoTime()
              : TimeUnit.SECONDS.toNanos(10));
        }
        long read = super.read(sink, delivered < open ? Math.min(byteCount, open - delivered)
            : byteCount);
        delivered += Math.max(read, 0);
        return read;
      }
    });
    return response.newBuilder()
        .body(ResponseBody.create(held, body.contentType(), body.contentLength()))
        .build();
  }

  private static void waitFor(CountDownLatch gate, long nanos) throws IOException {
    try {
      if (!gate.await(Math.max(nanos, 0), TimeUnit.NANOSECONDS)) {
        throw new java.io.InterruptedIOException("timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }
}
