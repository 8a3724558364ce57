package dev.cachedhttp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a plain bench command's Markdown report goes: standard output, and a file if named. */
final class ReportFile {
  private ReportFile() {}

  /** Prints {@code report} and writes it to {@code args[0]} when there is one. */
  static void emit(String report, String[] args) throws IOException {
    System.out.println(report);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), report, StandardCharsets.UTF_8);
    }
  }
}
