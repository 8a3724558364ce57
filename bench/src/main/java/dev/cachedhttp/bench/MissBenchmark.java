package dev.cachedhttp.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
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
 * (2) A GET of a URL never seen before: for the caches a lookup that misses, the loopback round
 * trip and the store; for {@value Subject#NO_CACHE} the same round trip alone. The difference is
 * the cost of missing and storing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MissBenchmark {
  @Param({Subject.CACHEDHTTP, Subject.CACHEDHTTP_SQLITE, Subject.OKHTTP_CACHE, Subject.NO_CACHE})
  public String subject;

  @Param({"1024", "32768", "262144"})
  public int size;

  private Subject target;
  private HttpUrl base;
  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() {
    target = Subject.start(subject, Bodies.json(size));
    base = target.origin().url("/items");
    target.prime(target.get("/warm"));
  }

  @Benchmark
  public long missAndStore(ReadBuffer buffer) {
    HttpUrl url = base.newBuilder()
        .addQueryParameter("n", Long.toString(sequence.incrementAndGet()))
        .build();
    return Calls.execute(target.client(), new Request.Builder().url(url).build(), buffer.bytes);
  }

  /** Fails the run when a measured call did not reach the origin. */
  @TearDown(Level.Trial)
  public void tearDown() {
    long expected = sequence.get() + 1; // + the warm-up call of setUp
    int seen = target.origin().requestCount();
    target.close();
    if (seen != expected) {
      throw new IllegalStateException(subject + ": origin saw " + seen + " requests, expected "
          + expected);
    }
  }
}
