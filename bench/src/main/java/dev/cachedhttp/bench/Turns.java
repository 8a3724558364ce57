package dev.cachedhttp.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures subjects in turns rather than one after the other, so that a load that changes during
 * a run weighs on all of them alike: warm-up rounds, then rounds in which every subject runs one
 * block of calls, the order rotating from round to round. For {@link DynamoDbHitRatio} and
 * {@link MissExtra}.
 */
final class Turns {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Wall and process CPU time per call, in µs, of each subject's block in each round. */
  record Times(double[][] wall, double[][] cpu) {
    /** The median over the rounds of subject {@code s}'s wall time per call. */
    double wall(int s) {
      return median(wall[s]);
    }

    /** The median over the rounds of subject {@code s}'s process CPU time per call. */
    double cpu(int s) {
      return median(cpu[s]);
    }
  }

  /** The command line of a measurement in turns: {@code [ROUNDS [BLOCK [SIZE...]]]}. */
  record Options(int rounds, int block, List<Integer> sizes) {
    /** Reads {@code args}; body sizes default to 1 KB, 32 KB and 256 KB. */
    static Options of(String[] args, int defaultRounds, int defaultBlock) {
      List<Integer> sizes = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        sizes.add(Integer.parseInt(args[i]));
      }
      return new Options(args.length > 0 ? Integer.parseInt(args[0]) : defaultRounds,
          args.length > 1 ? Integer.parseInt(args[1]) : defaultBlock,
          sizes.isEmpty() ? List.of(1024, 32768, 262144) : List.copyOf(sizes));
    }

    /** Prints what is measured and the heading of the Markdown table that follows. */
    void printHeading(String heading, String separator) {
      System.out.printf(Locale.ROOT, "%d rounds of %d calls per subject; medians per call%n",
          rounds, block);
      System.out.println(heading);
      System.out.println(separator);
    }
  }

  private Turns() {}

  /**
   * Runs {@code warmRounds} then {@code rounds} rounds of {@code blocks}, each block making
   * {@code callsPerBlock} calls.
   */
  static Times run(Runnable[] blocks, int callsPerBlock, int warmRounds, int rounds) {
    for (int round = 0; round < warmRounds; round++) {
      for (Runnable block : blocks) {
        block.run();
      }
    }
    double[][] wall = new double[blocks.length][rounds];
    double[][] cpu = new double[blocks.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int turn = 0; turn < blocks.length; turn++) {
        int s = (round + turn) % blocks.length;
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        blocks[s].run();
        wall[s][round] = (System.nanoTime() - start) / 1e3 / callsPerBlock;
        cpu[s][round] = (OS.getProcessCpuTime() - cpuStart) / 1e3 / callsPerBlock;
      }
    }
    return new Times(wall, cpu);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
