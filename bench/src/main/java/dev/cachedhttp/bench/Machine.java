package dev.cachedhttp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Describes the machine a report was measured on: CPU model, cores, JVM. */
final class Machine {
  private Machine() {}

  /** A Markdown bullet list of the CPU model, the core count and the JVM. */
  static String describe() {
    return "- CPU: " + cpuModel() + "\n"
        + "- cores (nproc): " + Runtime.getRuntime().availableProcessors() + "\n"
        + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty(
            "java.runtime.version") + " (" + System.getProperty("java.vm.vendor") + ")\n"
        + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch") + "\n";
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
