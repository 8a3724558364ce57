package dev.cachedhttp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the jar {@code mvn package} built, through the {@code bin/cachedhttp} wrapper, as a user
 * would: a separate JVM against DynamoDB Local after a real CachedClient filled the table.
 */
class CliJarIT {
  private static final long TIMEOUT_SECONDS = 120;

  record Run(int status, String out, String err) {}

  private static Run run(List<String> args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("cli.jar", "target/cachedhttp-cli-all.jar"));
    assertThat(jar).as("the jar built by mvn package").exists();
    List<String> command = new ArrayList<>(List.of("sh", "../bin/cachedhttp"));
    command.addAll(args);
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("CACHEDHTTP_CLI_JAR", jar.toString());
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
    builder.environment().put("AWS_ACCESS_KEY_ID", "local");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the jar did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theBuiltJarListsTheEntriesAndReportsUsageErrors() throws Exception {
    try (FilledTable filled = FilledTable.create(null)) {
      List<String> ls = new ArrayList<>(List.of("ls"));
      ls.addAll(filled.tableArgs());

      Run listed = run(ls);

      assertThat(listed.status()).as(listed.err()).isZero();
      assertThat(listed.out().lines()).hasSize(6);
      assertThat(listed.out()).contains(filled.url("/users/1")).contains("redirect -> ");
      assertThat(listed.err()).isEmpty();

      Run usage = run(List.of("ls", "--bogus"));
      assertThat(usage.status()).isEqualTo(2);
      assertThat(usage.err()).contains("--bogus");
    }
  }
}
