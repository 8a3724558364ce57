package dev.cachedhttp.bench;

import java.util.Arrays;

/**
 * Wall-clock latency of single calls: warms up, then times each of {@code n} calls and keeps the
 * median and the 90th percentile. For the side-by-side comparison with a peer in another
 * process, where JMH cannot drive both; the JMH benchmarks remain the precise per-call figures.
 *
 * @param medianMillis the median call time in milliseconds
 * @param p90Millis the 90th percentile in milliseconds
 * @param calls the number of timed calls
 */
public record Latency(double medianMillis, double p90Millis, int calls) {

  /** One timed call; {@code i} numbers the calls from 0, warm-up included. */
  @FunctionalInterface
  public interface Call {
    /** Makes call number {@code i}. */
    void run(int i) throws Exception;
  }

  /** Runs {@code warmup} untimed calls, then times {@code n} more. */
  public static Latency measure(int warmup, int n, Call call) throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.run(i);
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      call.run(warmup + i);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Latency(nanos[n / 2] / 1e6, nanos[(int) (n * 0.9)] / 1e6, n);
  }
}
