package dev.cachedhttp.testkit.dynamodb.fault;

import java.util.Objects;
import java.util.Set;

/**
 * Chooses the {@link Fault} for each request that reaches a {@link DynamoDbFaultProxy}. Called
 * from many threads at once; implementations must be thread-safe (the ones made here are
 * stateless and deterministic).
 */
@FunctionalInterface
public interface FaultPlan {
  /** The operations whose answers carry items. */
  Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan");

  /**
   * The fault for one request.
   *
   * @param operation the DynamoDB operation, from {@code X-Amz-Target} (e.g. {@code PutItem})
   * @param sequence the request's number at this proxy, from 0
   */
  Fault faultFor(String operation, long sequence);

  /** {@code plan} with {@code name} as its {@code toString()}, for reports and test names. */
  static FaultPlan named(String name, FaultPlan plan) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    return new FaultPlan() {
      @Override
      public Fault faultFor(String operation, long sequence) {
        return plan.faultFor(operation, sequence);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** No fault for any request. */
  static FaultPlan healthy() {
    return named("none", (operation, sequence) -> Fault.none());
  }

  /** {@code fault} for every request. */
  static FaultPlan always(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    return named(fault + " on every request", (operation, sequence) -> fault);
  }

  /**
   * {@code fault} for {@code percent} of the requests, spread evenly and deterministically (the
   * request numbers whose remainder by 100, scrambled, is below {@code percent}).
   */
  static FaultPlan share(int percent, Fault fault) {
    Objects.requireNonNull(fault, "fault");
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be between 0 and 100 but was " + percent);
    }
    return named(fault + " on " + percent + " % of requests",
        (operation, sequence) -> (sequence * 37) % 100 < percent ? fault : Fault.none());
  }

  /** {@code fault} for reads ({@link #READS}), none for other requests. */
  static FaultPlan readsOnly(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    return named(fault + " on every read",
        (operation, sequence) -> READS.contains(operation) ? fault : Fault.none());
  }
}
