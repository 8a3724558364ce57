package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import okhttp3.Request;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * (4) A DynamoDB hit against the SDK's raw {@code GetItem} of the same item, measured in turns so
 * that a load that changes during the run weighs on both alike (JMH runs one benchmark after the
 * other, and on a shared machine with DynamoDB Local in the same process its runs of ~1 ms calls
 * drift by more than the difference sought). Per body size: one setup (DynamoDB Local, table,
 * client, stored item); then rounds in which each subject makes a block of calls, the subjects'
 * order rotating from round to round; each block's wall time and process CPU time (caller and
 * DynamoDB Local together) per call are kept, and the medians over the rounds are printed with
 * their ratios to the raw {@code GetItem}. Subjects: the hit through OkHttp with its body read,
 * the backend's {@code lookup()} of the same key (the request, the item checked and decoded), the raw {@code GetItem} with the backend's read timeouts, the raw {@code GetItem} (the floor).
 * Usage: {@code DynamoDbHitRatio [--json=FILE] [ROUNDS [BLOCK [SIZE...]]]} (defaults 40, 50,
 * 1024 32768 262144); with {@code --json} the medians are also written to {@code FILE} for
 * {@link Report} ({@code [{"size", "subject", "wallMicros", "cpuMicros"}]}).
 * Fails when a hit costs other than one DynamoDB request or reaches the origin.
 */
public final class DynamoDbHitRatio {
  private static final String[] NAMES =
      {"hit", "backend lookup", "GetItem with timeouts", "GetItem"};
  /** The subjects' names in the JSON, for {@link Report}. */
  static final String[] SUBJECTS = {"hit", "lookup", "getItemWithTimeouts", "getItem"};
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DynamoDbHitRatio() {}

  public static void main(String[] args) throws IOException {
    Path json = null;
    if (args.length > 0 && args[0].startsWith("--json=")) {
      json = Path.of(args[0].substring("--json=".length()));
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    Turns.Options options = Turns.Options.of(args, 40, 50);
    options.printHeading("| body | subject | wall µs | CPU µs | wall ÷ GetItem | CPU ÷ GetItem |",
        "|---|---|---|---|---|---|");
    ArrayNode rows = MAPPER.createArrayNode();
    for (int size : options.sizes()) {
      measure(size, options.rounds(), options.block(), rows);
    }
    if (json != null) {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), rows);
    }
    System.exit(0); // DynamoDB Local leaves non-daemon threads behind
  }

  private static void measure(int size, int rounds, int block, ArrayNode rows) {
    try (DynamoDbSetup setup = DynamoDbSetup.start(Bodies.json(size))) {
      Request request = new Request.Builder().url(setup.origin().url("/items")).build();
      byte[] buffer = new byte[Calls.READ_BUFFER_BYTES];
      Calls.execute(setup.client(), request, buffer);
      Map<String, AttributeValue> key = setup.onlyResponseKey();
      int originRequests = setup.origin().requestCount();
      String cacheKey = key.get("key").s();
      LongSupplier[] subjects = {
          () -> Calls.execute(setup.client(), request, buffer),
          () -> setup.backend().lookup(cacheKey).orElseThrow().response().status(),
          () -> setup.dynamo().getItem(r -> r.tableName(setup.tableName()).key(key)
              .overrideConfiguration(DynamoDbSetup.READ_TIMEOUTS)).item().size(),
          () -> setup.dynamo().getItem(r -> r.tableName(setup.tableName()).key(key)).item().size()
      };
      Runnable[] blocks = new Runnable[subjects.length];
      for (int s = 0; s < subjects.length; s++) {
        LongSupplier subject = subjects[s];
        blocks[s] = () -> {
          for (int i = 0; i < block; i++) {
            subject.getAsLong();
          }
        };
      }
      int warmRounds = Math.max(4, rounds / 4);
      setup.counter().reset();
      Turns.Times times = Turns.run(blocks, block, warmRounds, rounds);
      long requests = setup.counter().total();
      long calls = (long) (warmRounds + rounds) * block * subjects.length;
      if (requests != calls || setup.origin().requestCount() != originRequests) {
        throw new IllegalStateException(calls + " calls cost " + requests
            + " DynamoDB requests and " + (setup.origin().requestCount() - originRequests)
            + " origin requests");
      }
      int floor = subjects.length - 1;
      for (int s = 0; s < subjects.length; s++) {
        System.out.printf(Locale.ROOT, "| %d KB | %s | %.0f | %.0f | %.2f | %.2f |%n", size / 1024,
            NAMES[s], times.wall(s), times.cpu(s), times.wall(s) / times.wall(floor),
            times.cpu(s) / times.cpu(floor));
        rows.addObject().put("size", size).put("subject", SUBJECTS[s])
            .put("wallMicros", times.wall(s)).put("cpuMicros", times.cpu(s));
      }
    }
  }
}
