package dev.cachedhttp.bench;

import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (1) The time and allocation of one GET answered by each {@link Subject}, the whole body read:
 * a hit for the two caches, the prebuilt answer for the floor, a loopback round trip without a
 * cache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class HitBenchmark {
  @Param({Subject.CACHEDHTTP, Subject.CACHEDHTTP_SQLITE, Subject.CACHEDHTTP_SQLITE_NEAR,
      Subject.OKHTTP_CACHE, Subject.FLOOR, Subject.NO_CACHE})
  public String subject;

  @Param({"1024", "32768", "262144"})
  public int size;

  private Subject target;
  private Request request;
  private int originRequests;

  @Setup(Level.Trial)
  public void setUp() {
    target = Subject.start(subject, Bodies.json(size));
    request = target.get("/items");
    target.prime(request);
    originRequests = target.origin().requestCount();
  }

  @Benchmark
  public long get(ReadBuffer buffer) {
    return Calls.execute(target.client(), request, buffer.bytes);
  }

  /** Fails the run when a call measured as a hit reached the origin. */
  @TearDown(Level.Trial)
  public void tearDown() {
    int extra = target.origin().requestCount() - originRequests;
    target.close();
    if (target.isCaching() && extra != 0) {
      throw new IllegalStateException(subject + ": " + extra + " measured calls were misses");
    }
  }
}
