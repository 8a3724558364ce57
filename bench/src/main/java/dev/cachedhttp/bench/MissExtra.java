package dev.cachedhttp.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * (2) What a miss-and-store costs over the same call without a cache, measured in turns: per
 * body size a cachedhttp client (memory backend) and a plain client, each in front of its own
 * origin serving the same body; rounds in which each makes a block of GETs of URLs never seen
 * before (a fresh query parameter per call), the order alternating; the median over the rounds
 * of each block's wall time per call, and their difference. {@link MissBenchmark} measures the
 * same with JMH, one subject after the other. Usage: {@code MissExtra [ROUNDS [BLOCK
 * [SIZE...]]]} (defaults 60, 40, 1024 32768 262144). Fails when a call did not reach the origin.
 */
public final class MissExtra {
  private MissExtra() {}

  public static void main(String[] args) {
    Turns.Options options = Turns.Options.of(args, 60, 40);
    options.printHeading("| body | cachedhttp miss-and-store µs | no cache µs | extra µs |", "|---|---|---|---|");
    for (int size : options.sizes()) {
      measure(size, options.rounds(), options.block());
    }
    System.exit(0);
  }

  private static void measure(int size, int rounds, int block) {
    Subject[] subjects = {Subject.start(Subject.CACHEDHTTP, Bodies.json(size)),
        Subject.start(Subject.NO_CACHE, Bodies.json(size))};
    try {
      AtomicLong sequence = new AtomicLong();
      byte[] buffer = new byte[Calls.READ_BUFFER_BYTES];
      Runnable[] blocks = {() -> run(subjects[0], sequence, buffer, block),
          () -> run(subjects[1], sequence, buffer, block)};
      int warmRounds = Math.max(4, rounds / 4);
      Turns.Times times = Turns.run(blocks, block, warmRounds, rounds);
      long calls = (long) (warmRounds + rounds) * block;
      for (Subject subject : subjects) {
        if (subject.origin().requestCount() != calls) {
          throw new IllegalStateException(subject + ": origin saw "
              + subject.origin().requestCount() + " requests, expected " + calls);
        }
      }
      double cached = times.wall(0);
      double plain = times.wall(1);
      System.out.printf(Locale.ROOT, "| %d KB | %.0f | %.0f | %.0f |%n", size / 1024, cached,
          plain, cached - plain);
    } finally {
      for (Subject subject : subjects) {
        subject.close();
      }
    }
  }

  private static void run(Subject subject, AtomicLong sequence, byte[] buffer, int times) {
    HttpUrl base = subject.origin().url("/items");
    for (int i = 0; i < times; i++) {
      HttpUrl url = base.newBuilder()
          .addQueryParameter("n", Long.toString(sequence.incrementAndGet())).build();
      Calls.execute(subject.client(), new Request.Builder().url(url).build(), buffer);
    }
  }
}
