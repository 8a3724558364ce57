package dev.cachedhttp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what slf4j-simple writes (it prints to the current {@code System.err}) while open, so
 * a test can assert that a warning was logged. Not for parallel tests: it swaps {@code
 * System.err} for the whole JVM.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private LogCapture() {
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing; close to stop and print what was captured. */
  public static LogCapture start() {
    return new LogCapture();
  }

  /** The captured lines that contain {@code text}. */
  public List<String> linesContaining(String text) {
    System.err.flush();
    return Arrays.stream(buffer.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(line -> line.contains(text))
        .toList();
  }

  /** Stops capturing and prints what was captured to the original {@code System.err}. */
  @Override
  public void close() {
    System.setErr(original);
    original.print(buffer.toString(StandardCharsets.UTF_8));
  }
}
