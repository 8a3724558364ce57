package dev.cachedhttp.bench;

import dev.cachedhttp.testkit.dynamodb.fault.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One fault phase of {@link FaultBench} and the report over all of them: the timing table and
 * the targets, each marked PASS or MISS with the measured value.
 *
 * @param fault the fault plan's name
 * @param during the calls made while the fault lasted
 * @param after the pass over the warm URLs after the fault, the cool-down and one probe
 * @param opened how many times the breaker opened during the fault
 * @param warmHits the share of warm URLs that were hits in {@code after}
 */
record FaultRow(String fault, Workload.Result during, Workload.Result after, long opened,
    double warmHits) {
  static final Duration HANG_LONGEST_TARGET = Duration.ofMillis(600);
  static final Duration THROTTLED_P99_TARGET = Duration.ofMillis(600);
  static final double MISS_OVERHEAD_TARGET = 0.05;
  static final double WARM_HITS_TARGET = 0.95;

  static String report(Workload.Result baseline, List<FaultRow> rows,
      FaultBench.MissComparison miss, long coolDownMillis) {
    StringBuilder out = new StringBuilder();
    out.append("| DynamoDB fault (whole phase) | p50 call | p99 call | longest call | failed | "
        + "wrong body | breaker opened | warm URLs hit after cool-down + 1 probe |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    out.append(String.format(Locale.ROOT, "| no cache at all (baseline) | %s | %s | %s | %d | %d "
        + "| – | – |%n", ms(baseline.percentile(50)), ms(baseline.percentile(99)),
        ms(baseline.longest()), baseline.failed(), baseline.wrong()));
    for (FaultRow row : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d× | %.0f %% |%n",
          row.fault(), ms(row.during().percentile(50)), ms(row.during().percentile(99)),
          ms(row.during().longest()), row.during().failed() + row.after().failed(),
          row.during().wrong() + row.after().wrong(), row.opened(), row.warmHits() * 100));
    }
    out.append(String.format(Locale.ROOT, "%nHealthy misses, one thread: no cache p50 %s, mean "
        + "%s; cachedhttp p50 %s, mean %s.%n", ms(miss.plain().percentile(50)),
        ms(mean(miss.plain())), ms(miss.cached().percentile(50)), ms(mean(miss.cached()))));
    out.append(String.format(Locale.ROOT, "Breaker cool-down %d ms (shortened for the run).%n%n",
        coolDownMillis));
    out.append(targets(rows, miss));
    return out.toString();
  }

  private static String targets(List<FaultRow> rows, FaultBench.MissComparison miss) {
    StringBuilder out = new StringBuilder("Targets:\n");
    long failed = rows.stream().mapToLong(r -> r.during().failed() + r.after().failed()).sum();
    long wrong = rows.stream().mapToLong(r -> r.during().wrong() + r.after().wrong()).sum();
    out.append(check("0 failed calls under every fault", failed == 0, failed + " failed"));
    out.append(check("0 wrong bodies under every fault", wrong == 0, wrong + " wrong"));
    for (FaultRow row : rows) {
      if (row.fault().startsWith("HANG")) {
        Duration longest = row.during().longest();
        out.append(check("every request hangs: longest call <= 600 ms",
            longest.compareTo(HANG_LONGEST_TARGET) <= 0, ms(longest)));
      }
      if (row.fault().startsWith("THROTTLE_PROVISIONED on every")) {
        Duration p99 = row.during().percentile(99);
        out.append(check("every request throttled: p99 <= 600 ms",
            p99.compareTo(THROTTLED_P99_TARGET) <= 0, ms(p99)));
      }
    }
    double overhead = (double) miss.cached().percentile(50).toNanos()
        / miss.plain().percentile(50).toNanos() - 1;
    out.append(check("healthy miss p50 within 5 % of no cache", overhead <= MISS_OVERHEAD_TARGET,
        String.format(Locale.ROOT, "%+.1f %%", overhead * 100)));
    double worst = rows.stream().filter(row -> !row.fault().equals("none"))
        .mapToDouble(FaultRow::warmHits).min().orElse(1);
    out.append(check(">= 95 % of warm URLs hit again after cool-down + one probe (worst fault)",
        worst >= WARM_HITS_TARGET, String.format(Locale.ROOT, "%.0f %%", worst * 100)));
    return out.toString();
  }

  private static String check(String target, boolean met, String measured) {
    return String.format(Locale.ROOT, "- %s %s: %s%n", met ? "PASS" : "MISS", target, measured);
  }

  private static Duration mean(Workload.Result result) {
    long sum = 0;
    for (long nanos : result.nanos()) {
      sum += nanos;
    }
    return Duration.ofNanos(sum / Math.max(1, result.nanos().length));
  }

  private static String ms(Duration duration) {
    return String.format(Locale.ROOT, "%,.0f ms", duration.toNanos() / 1e6);
  }
}
