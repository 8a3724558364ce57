package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with {@code kill -9} in the middle of its writes, 20 times over: the
 * file opens, every entry whose put returned reads back byte for byte, and no entry is partial.
 */
class CrashSafetyTest {
  private static final int ROUNDS = 20;

  @TempDir
  Path folder;

  @Test
  void everyCommittedEntrySurvivesTwentyKillsOfTheWriterAndNoneIsPartial() throws Exception {
    Path file = folder.resolve("crash.db");
    Path wal = folder.resolve("crash.db-wal");
    List<Integer> committed = new ArrayList<>();
    int next = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process writer = ChildJvm.start(CrashWriter.class, file.toString(), Integer.toString(next));
      BufferedReader out = ChildJvm.output(writer);
      int wanted = 2 + round % 4;
      for (int seen = 0; seen < wanted; seen++) {
        String line = out.readLine();
        assertThat(line).as("output of writer round %d", round).startsWith("committed ");
        committed.add(Integer.parseInt(line.substring("committed ".length())));
      }
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.size(wal)).as("the WAL a killed writer leaves behind").isPositive();
      next = committed.get(committed.size() - 1) + 2;
    }

    try (RawFile raw = new RawFile(file)) {
      assertThat(raw.one("pragma integrity_check").values()).containsExactly("ok");
    }
    try (SqliteBackend backend = SqliteBackend.builder().path(file).maxBytes(1L << 30).build()) {
      for (int i : committed) {
        assertThat(backend.responses().get("k" + i)).as("entry %d", i).isPresent()
            .get().satisfies(r -> assertThat(r.body()).isEqualTo(CrashWriter.entry(i).body()));
      }
      List<String> stored;
      try (Stream<String> keys = backend.responses().keys()) {
        stored = keys.collect(Collectors.toList());
      }
      for (String key : stored) {
        int i = Integer.parseInt(key.substring(1));
        assertThat(backend.responses().get(key).orElseThrow().body())
            .as("stored entry %d", i).isEqualTo(CrashWriter.entry(i).body());
      }
      assertThat(stored.size()).isGreaterThanOrEqualTo(committed.size());
    }
  }
}
