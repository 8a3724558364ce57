package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four JVMs read and write one file at once through their own clients (a small bound keeps
 * eviction and writes going): no call fails, no body is wrong, the byte bound holds, and the
 * file is intact. {@code -Dsqlite.processes.seconds=60} runs the one-minute version.
 */
class SharedByProcessesTest {
  private static final int PROCESSES = 4;
  private static final long MAX_BYTES = 1L << 20;

  @TempDir
  Path folder;

  @Test
  void fourProcessesOnOneFileFailNoCallServeNoWrongBodyAndKeepTheBound() throws Exception {
    String seconds = System.getProperty("sqlite.processes.seconds", "4");
    Path file = folder.resolve("shared.db");
    try (MockWebServer origin = new MockWebServer()) {
      origin.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String path = request.getUrl().encodedPath();
          int n = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
          return new MockResponse.Builder().body(SharingProcess.body(n))
              .addHeader("Content-Type", "text/plain")
              .addHeader("Cache-Control", "max-age=3600").build();
        }
      });
      origin.start();
      List<Process> processes = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        processes.add(ChildJvm.start(SharingProcess.class, file.toString(),
            origin.url("/").toString(), seconds, Long.toString(MAX_BYTES), Integer.toString(p)));
      }
      long calls = 0;
      long hits = 0;
      for (Process process : processes) {
        String line = ChildJvm.output(process).readLine();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(line).as("a process's summary").isNotNull();
        long[] counts = Arrays.stream(line.split(" ")).mapToLong(Long::parseLong)
            .toArray();
        assertThat(counts[1]).as("failed calls (%s)", line).isZero();
        assertThat(counts[2]).as("wrong bodies (%s)", line).isZero();
        System.out.println("sharing process: calls failed wrong hits skipped-writes = " + line);
        calls += counts[0];
        hits += counts[3];
      }
      assertThat(hits).as("hits of %d calls", calls).isPositive();
      assertThat((long) origin.getRequestCount()).isLessThan(calls);
    }

    try (RawFile raw = new RawFile(file)) {
      assertThat(raw.one("pragma integrity_check").values()).containsExactly("ok");
    }
    try (SqliteBackend backend = SqliteBackend.builder().path(file).maxBytes(MAX_BYTES)
        .build()) {
      assertThat(backend.storedBytes()).isLessThanOrEqualTo(MAX_BYTES);
    }
  }
}
