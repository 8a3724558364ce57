package dev.cachedhttp.testkit.dynamodb.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * A bounded multi-threaded workload of HTTP-like calls over a list of URLs: call {@code i} asks
 * for URL {@code i % urls}, each thread takes the next call number until all are made. Records
 * each call's time, whether it threw and whether its body differed from the expected one. Used
 * by the fault-injection tests (which assert only what does not depend on timing) and by the
 * fault benchmark (which prints the times).
 */
public final class Workload {
  /** How long a whole run may take before it is abandoned. */
  public static final Duration RUN_LIMIT = Duration.ofMinutes(2);

  /** One call. */
  @FunctionalInterface
  public interface Call {
    /** Fetches {@code url} and returns the whole body. */
    String fetch(String url) throws Exception;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int threads;
  private final List<String> urls;
  private final IntFunction<String> expectedBody;
  private final BiPredicate<String, String> same;

  /**
   * A workload over {@code urls}, whose URL number {@code i} must answer a body that is {@code
   * same} as {@code expectedBody.apply(i)}, run on {@code threads} threads.
   */
  public Workload(int threads, List<String> urls, IntFunction<String> expectedBody,
      BiPredicate<String, String> same) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads must be between 1 and 256 but was " + threads);
    }
    this.threads = threads;
    this.urls = List.copyOf(urls);
    this.expectedBody = Objects.requireNonNull(expectedBody, "expectedBody");
    this.same = Objects.requireNonNull(same, "same");
  }

  /**
   * True when both texts are the same JSON value: what a backend that stores JSON as native
   * attributes (DynamoDB) promises, since key order and whitespace are not kept.
   */
  public static boolean sameJson(String expected, String actual) {
    try {
      return JSON.readTree(expected).equals(JSON.readTree(actual));
    } catch (IOException notJson) {
      return false;
    }
  }

  /**
   * A JSON body of about {@code bytes} bytes for URL number {@code id} whose content is random
   * (base64 of random bytes, about 3/4 of its size even gzip-compressed), the same every time.
   */
  public static String randomJsonBody(int id, int bytes) {
    byte[] random = new byte[Math.max(0, (bytes - 40) * 3 / 4)];
    new java.util.Random(id).nextBytes(random);
    return "{\"id\":" + id + ",\"data\":\"" + java.util.Base64.getEncoder().encodeToString(random)
        + "\"}";
  }

  /** A JSON body of about {@code bytes} bytes for URL number {@code id}, the same every time. */
  public static String jsonBody(int id, int bytes) {
    StringBuilder json = new StringBuilder("{\"id\":").append(id).append(",\"items\":[");
    for (int i = 0; json.length() < bytes - 40; i++) {
      json.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"name\":\"item-")
          .append(id).append('-').append(i).append("\"}");
    }
    return json.append("],\"end\":true}").toString();
  }

  /** The URLs, in order. */
  public List<String> urls() {
    return urls;
  }

  /**
   * Makes {@code calls} calls with {@code call} and returns what happened.
   *
   * @throws IllegalStateException when the run takes longer than {@link #RUN_LIMIT}
   */
  public Result run(int calls, Call call) {
    long[] nanos = new long[calls];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
            int url = i % urls.size();
            long start = System.nanoTime();
            try {
              String body = call.fetch(urls.get(url));
              if (body == null || !same.test(expectedBody.apply(url), body)) {
                wrong.incrementAndGet();
              }
            } catch (Exception | AssertionError e) {
              failed.incrementAndGet();
              synchronized (failures) {
                failures.add(e);
              }
            }
            nanos[i] = System.nanoTime() - start;
          }
        }));
      }
      long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
      for (Future<?> worker : workers) {
        worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the workload did not finish within " + RUN_LIMIT, e);
    } finally {
      pool.shutdownNow();
    }
    return new Result(calls, failed.get(), wrong.get(), nanos, List.copyOf(failures));
  }

  /**
   * What one run did.
   *
   * @param calls calls made
   * @param failed calls that threw
   * @param wrong calls whose body differed from the expected one
   * @param nanos each call's time in nanoseconds, by call number
   * @param failures what the failed calls threw
   */
  public record Result(int calls, int failed, int wrong, long[] nanos, List<Throwable> failures) {
    /** The call time at {@code percentile} (0 to 100), nearest rank. */
    public Duration percentile(double percentile) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
      return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    /** The longest call. */
    public Duration longest() {
      return Duration.ofNanos(Arrays.stream(nanos).max().orElse(0));
    }

    @Override
    public String toString() {
      return calls + " calls, " + failed + " failed, " + wrong + " wrong, p50 "
          + percentile(50).toMillis() + " ms, p99 " + percentile(99).toMillis() + " ms, longest "
          + longest().toMillis() + " ms";
    }
  }
}
