package dev.cachedhttp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * (3) Hit throughput of one shared cachedhttp client (memory backend, 1 KB bodies) with 1, 2 and
 * 8 threads, each thread cycling through its own {@value #KEYS_PER_THREAD} keys; the same with
 * every thread on one hot key; the floor with 1 and 8 threads, which shows how far OkHttp's own
 * call machinery scales on this machine; and the caching interceptor called directly (no OkHttp
 * call around it) with 1 and 8 threads, which shows how far cachedhttp's own hit path scales.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConcurrentHitBenchmark {
  static final int MAX_THREADS = 8;
  static final int KEYS_PER_THREAD = 8;
  static final int BODY_BYTES = 1024;

  /** The shared clients, with every key stored before measuring. */
  @State(Scope.Benchmark)
  public static class Clients {
    Subject cached;
    OkHttpClient floor;
    Request[] requests;
    final AtomicInteger threads = new AtomicInteger();
    private int originRequests;

    @Setup(Level.Trial)
    public void setUp() {
      cached = Subject.start(Subject.CACHEDHTTP, Bodies.json(BODY_BYTES));
      floor = Subject.floorClient(Bodies.json(BODY_BYTES));
      requests = new Request[MAX_THREADS * KEYS_PER_THREAD];
      for (int i = 0; i < requests.length; i++) {
        requests[i] = cached.get("/items/" + i);
        cached.prime(requests[i]);
      }
      originRequests = cached.origin().requestCount();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      int extra = cached.origin().requestCount() - originRequests;
      cached.close();
      if (extra != 0) {
        throw new IllegalStateException(extra + " measured calls were misses");
      }
    }
  }

  /** One thread's keys and read buffer. */
  @State(Scope.Thread)
  public static class Worker {
    final byte[] buffer = new byte[Calls.READ_BUFFER_BYTES];
    Request[] mine;
    int next;

    @Setup(Level.Trial)
    public void setUp(Clients clients) {
      int index = clients.threads.getAndIncrement() % MAX_THREADS;
      mine = new Request[KEYS_PER_THREAD];
      System.arraycopy(clients.requests, index * KEYS_PER_THREAD, mine, 0, KEYS_PER_THREAD);
    }

    Request nextRequest() {
      Request request = mine[next];
      next = (next + 1) % KEYS_PER_THREAD;
      return request;
    }
  }

  private static long hit(Clients clients, Worker worker) {
    return Calls.execute(clients.cached.client(), worker.nextRequest(), worker.buffer);
  }

  private static long hotKey(Clients clients, Worker worker) {
    return Calls.execute(clients.cached.client(), clients.requests[0], worker.buffer);
  }

  private static long floor(Clients clients, Worker worker) {
    return Calls.execute(clients.floor, clients.requests[0], worker.buffer);
  }

  private static long interceptorOnly(Clients clients, Worker worker) {
    Request request = worker.nextRequest();
    try (Response response = clients.cached.cached().interceptor()
        .intercept(new HitOnlyChain(request))) {
      return Calls.drain(response, worker.buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  @Threads(1)
  public long hits1Thread(Clients clients, Worker worker) {
    return hit(clients, worker);
  }

  @Benchmark
  @Threads(2)
  public long hits2Threads(Clients clients, Worker worker) {
    return hit(clients, worker);
  }

  @Benchmark
  @Threads(8)
  public long hits8Threads(Clients clients, Worker worker) {
    return hit(clients, worker);
  }

  @Benchmark
  @Threads(8)
  public long hotKey8Threads(Clients clients, Worker worker) {
    return hotKey(clients, worker);
  }

  @Benchmark
  @Threads(1)
  public long floor1Thread(Clients clients, Worker worker) {
    return floor(clients, worker);
  }

  @Benchmark
  @Threads(8)
  public long floor8Threads(Clients clients, Worker worker) {
    return floor(clients, worker);
  }

  @Benchmark
  @Threads(1)
  public long interceptorOnly1Thread(Clients clients, Worker worker) {
    return interceptorOnly(clients, worker);
  }

  @Benchmark
  @Threads(8)
  public long interceptorOnly8Threads(Clients clients, Worker worker) {
    return interceptorOnly(clients, worker);
  }
}
