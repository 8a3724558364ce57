package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs requests-cache (Python) against the same origin, on the same DynamoDB Local or on a SQLite
 * file: the script {@code bench/peers/requests_cache_peer.py} times its hits and misses (and
 * weighs its DynamoDB items), and prints them as JSON.
 */
final class RequestsCachePeer {
  static final Path SCRIPT = Path.of("bench", "peers", "requests_cache_peer.py");
  private static final long TIMEOUT_MINUTES = 30;

  private RequestsCachePeer() {}

  /** Runs the script with {@code python} on its DynamoDB backend; returns its JSON output. */
  static JsonNode run(String python, String endpoint, String origin, int[] sizes, int warmup,
      int hits, int misses) throws IOException, InterruptedException {
    return run(python, List.of("--endpoint", endpoint), origin, sizes, warmup, hits, misses);
  }

  /**
   * Runs the script with {@code python} on the backend {@code backend} names ({@code
   * --endpoint URL} or {@code --sqlite-file FILE}); returns its JSON output.
   */
  static JsonNode run(String python, List<String> backend, String origin, int[] sizes,
      int warmup, int hits, int misses) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString()));
    command.addAll(backend);
    command.addAll(List.of(
        "--origin", origin.replaceAll("/$", ""),
        "--sizes", Arrays.stream(sizes).mapToObj(Integer::toString)
            .collect(Collectors.joining(",")),
        "--warmup", Integer.toString(warmup), "--hits", Integer.toString(hits),
        "--misses", Integer.toString(misses)));
    Path output = Files.createTempFile("requests-cache", ".json");
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(output.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("requests-cache peer ran over " + TIMEOUT_MINUTES
            + " minutes");
      }
      String json = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("requests-cache peer failed (exit "
            + process.exitValue() + "): " + json);
      }
      return new ObjectMapper().readTree(json);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
