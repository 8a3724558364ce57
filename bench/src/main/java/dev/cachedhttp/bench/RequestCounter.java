package dev.cachedhttp.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests a DynamoDB client sends, per operation: one per attempt, so SDK
 * retries are counted too. Thread-safe.
 */
public final class RequestCounter implements ExecutionInterceptor {
  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context,
      ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    byOperation.computeIfAbsent(operation, o -> new LongAdder()).increment();
  }

  /** The requests sent since the last {@link #reset()}. */
  public long total() {
    return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The requests sent since the last {@link #reset()}, by operation name, sorted. */
  public Map<String, Long> byOperation() {
    Map<String, Long> counts = new TreeMap<>();
    byOperation.forEach((operation, count) -> {
      if (count.sum() > 0) {
        counts.put(operation, count.sum());
      }
    });
    return counts;
  }

  /** Starts counting from zero. */
  public void reset() {
    byOperation.values().forEach(LongAdder::reset);
  }
}
