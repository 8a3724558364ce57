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
 * (4) The time of a cachedhttp hit served from DynamoDB Local, the whole body read. Local is an
 * in-process emulator sharing the CPU: compare sizes with each other, not with production.
 * The run fails when any measured call cost other than exactly one DynamoDB request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DynamoDbHitBenchmark {
  @Param({"1024", "32768", "262144"})
  public int size;

  private DynamoDbSetup setup;
  private Request request;
  private int originRequests;
  private long calls;

  @Setup(Level.Trial)
  public void setUp() {
    setup = DynamoDbSetup.start(Bodies.json(size));
    request = new Request.Builder().url(setup.origin().url("/items")).build();
    byte[] buffer = new byte[Calls.READ_BUFFER_BYTES];
    Calls.execute(setup.client(), request, buffer);
    originRequests = setup.origin().requestCount();
    setup.counter().reset();
  }

  @Benchmark
  public long get(ReadBuffer buffer) {
    calls++;
    return Calls.execute(setup.client(), request, buffer.bytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long requests = setup.counter().total();
    int extra = setup.origin().requestCount() - originRequests;
    setup.close();
    if (extra != 0 || requests != calls) {
      throw new IllegalStateException(calls + " hits cost " + requests
          + " DynamoDB requests and " + extra + " origin requests");
    }
  }
}
