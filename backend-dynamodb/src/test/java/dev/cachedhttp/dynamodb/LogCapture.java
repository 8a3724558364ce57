package dev.cachedhttp.dynamodb;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what slf4j-simple writes (it prints to the current {@code System.err}) while open.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private LogCapture() {
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  static LogCapture start() {
    return new LogCapture();
  }

  /** The captured lines that contain {@code text}. */
  List<String> linesContaining(String text) {
    System.err.flush();
    return Arrays.stream(buffer.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(line -> line.contains(text))
        .toList();
  }

  @Override
  public void close() {
    System.setErr(original);
    original.print(buffer.toString(StandardCharsets.UTF_8));
  }
}
