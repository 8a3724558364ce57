package dev.cachedhttp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's command-line session, in order, against DynamoDB Local. */
class ReadmeCliTest {
  private static final String SECTION = "## Command-line tool";
  private static final String COMMAND = "bin/cachedhttp ";
  private static final String README_ENDPOINT = "http://localhost:8000";
  private static final String README_ORIGIN = "http://localhost:8080";

  static List<String> readmeCommands() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf(SECTION);
    assertThat(start).as("README section " + SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + SECTION.length());
    return readme.substring(start, end < 0 ? readme.length() : end).lines()
        .filter(line -> line.startsWith(COMMAND))
        .map(line -> line.replaceAll("\\s+#.*$", "").substring(COMMAND.length()))
        .toList();
  }

  @Test
  void everyCommandOfTheReadmeSucceeds(@TempDir Path dir) throws IOException {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    System.setProperty("aws.region", "us-east-1");
    List<String> commands = readmeCommands();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(8);
    try (FilledTable filled = FilledTable.create(null, "http_cache")) {
      String origin = filled.url("/").replaceAll("/$", "");
      for (String command : commands) {
        String line = command.replace(README_ENDPOINT, filled.local.endpoint().toString())
            .replace(README_ORIGIN, origin)
            .replace("cache.jsonl", dir.resolve("cache.jsonl").toString());
        List<String> args = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));

        CliTest.Run run = CliTest.cli("", args);

        assertThat(run.status()).as(command + "\n" + run.err()).isZero();
        assertThat(run.out() + run.err()).as(command).isNotBlank();
      }
    } finally {
      System.clearProperty("aws.region");
    }
  }
}
