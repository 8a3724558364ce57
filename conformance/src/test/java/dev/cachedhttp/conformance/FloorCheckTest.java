package dev.cachedhttp.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summarize.mjs --floor}, which {@code run.sh --check} gates CI on: a first pass a few tests
 * short may be made up by a re-run (exit 1), one far below the floor may not (exit 3), so a broken
 * cache cannot hide behind a second run.
 */
class FloorCheckTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @TempDir
  Path work;

  /** Writes cachedhttp.json into {@code dir}: every selected test passes but {@code failing}. */
  private void results(Path dir, int failing) throws Exception {
    Files.createDirectories(dir);
    String script = "import { selection } from './selection.mjs'\n"
        + "const { selected } = selection()\n"
        + "let failing = " + failing + "\n"
        + "const results = {}\n"
        + "for (const test of selected) {\n"
        + "  results[test.id] = test.kind === 'required' && failing-- > 0\n"
        + "    ? ['Assertion', 'broken on purpose'] : true\n"
        + "}\n"
        + "console.log(JSON.stringify(results))\n";
    Files.writeString(dir.resolve("cachedhttp.json"), node(List.of("node", "--input-type=module",
        "-e", script)).output());
  }

  private record Run(int exit, String output) {}

  private static Run node(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(MODULE.toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** A floor equal to what a run with every selected test passing scores. */
  private Path floorOfAPerfectRun() throws Exception {
    Path perfect = work.resolve("perfect");
    results(perfect, 0);
    Run run = node(List.of("node", "summarize.mjs", perfect.toString(), "--floor",
        MODULE.resolve("floor.properties").toString(), "--subject", "cachedhttp"));
    String line = run.output().lines().filter(l -> l.startsWith("conformance of cachedhttp"))
        .findFirst().orElseThrow();
    String required = line.replaceAll(".*required (\\d+).*", "$1");
    String total = line.replaceAll(".*total (\\d+).*", "$1");
    String selection = line.replaceAll(".* of (\\d+)$", "$1");
    Path floor = work.resolve("floor.properties");
    Files.writeString(floor, "selection=" + selection + "\nrequired=" + required + "\ntotal="
        + total + "\n");
    return floor;
  }

  private Run check(Path floor, int failing, boolean withRerun) throws Exception {
    Path first = work.resolve("first-" + failing);
    results(first, failing);
    if (!withRerun) {
      return node(List.of("node", "summarize.mjs", first.toString(), "--floor", floor.toString(),
          "--subject", "cachedhttp"));
    }
    Path again = work.resolve("again-" + failing);
    results(again, failing);
    return node(List.of("node", "summarize.mjs", first.toString(), "--floor", floor.toString(),
        "--subject", "cachedhttp", "--also", again.toString()));
  }

  @Test
  void aFirstPassFarBelowTheFloorCannotBeMadeUpByAReRun() throws Exception {
    assumeTrue(Files.isDirectory(MODULE.resolve("node_modules/http-cache-tests")),
        "the suite is installed by the build (npm ci)");
    Path floor = floorOfAPerfectRun();

    assertThat(check(floor, 0, false).exit()).isZero();
    assertThat(check(floor, 1, false).exit()).as("a near miss may be re-run").isEqualTo(1);
    Run far = check(floor, 10, false);
    assertThat(far.exit()).as("far below: no re-run").isEqualTo(3);
    assertThat(far.output()).contains("too far below the floor");
    assertThat(check(floor, 1, true).exit()).as("a re-run that still misses fails")
        .isEqualTo(1);
  }
}
