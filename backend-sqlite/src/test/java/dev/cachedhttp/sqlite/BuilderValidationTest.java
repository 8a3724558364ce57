package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setter checks its value at once and names it; build() names the file it cannot use. */
class BuilderValidationTest {
  @TempDir
  Path folder;

  @Test
  void settersRefuseBadValuesNamingThem() {
    SqliteBackend.Builder builder = SqliteBackend.builder();
    assertThatThrownBy(() -> builder.path(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> builder.path(folder)).hasMessageContaining("is a directory");
    assertThatThrownBy(() -> builder.maxBytes(1000))
        .hasMessage("maxBytes must be at least 65536 but was 1000");
    assertThatThrownBy(() -> builder.maxBodyBytes(-1))
        .hasMessage("maxBodyBytes must be at least 0 but was -1");
    assertThatThrownBy(() -> builder.compressBodiesAbove(-5))
        .hasMessage("compressBodiesAbove must be at least 0 but was -5");
    assertThatThrownBy(() -> builder.busyTimeout(Duration.ZERO))
        .hasMessageContaining("busyTimeout must be between PT0.001S and PT1M but was PT0S");
    assertThatThrownBy(() -> builder.cleanupInterval(Duration.ofSeconds(-1)))
        .hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> builder.readConnections(0))
        .hasMessage("readConnections must be between 1 and 64 but was 0");
    assertThatThrownBy(() -> builder.readConnections(65))
        .hasMessage("readConnections must be between 1 and 64 but was 65");
    assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void buildNeedsAPathAndABodyLimitWithinTheBound() {
    assertThatThrownBy(() -> SqliteBackend.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("path is required");
    assertThatThrownBy(() -> SqliteBackend.builder().path(folder.resolve("a.db"))
        .maxBytes(1 << 20).maxBodyBytes(2 << 20).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxBodyBytes (2097152) must not exceed maxBytes (1048576)");
  }

  @Test
  void theDefaultsAndMissingFoldersAreFine() {
    Path file = folder.resolve("new/folders/http_cache.db");
    try (SqliteBackend backend = SqliteBackend.builder().path(file).maxBytes(1 << 20).build()) {
      assertThat(backend.maxBodyBytes()).isEqualTo(1 << 18);
      assertThat(backend.remote()).isFalse();
      assertThat(Files.exists(file)).isTrue();
    }
  }

  @Test
  void aFileThatIsNotACacheIsRefusedNamingIt() throws Exception {
    Path text = Files.writeString(folder.resolve("notes.db"), "not a database at all");
    assertThatThrownBy(() -> SqliteBackend.builder().path(text).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(text.toString());

    Path other = folder.resolve("other.db");
    try (RawFile raw = new RawFile(other)) {
      raw.execute("create table entries (id integer primary key, name text)");
    }
    assertThatThrownBy(() -> SqliteBackend.builder().path(other).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot use " + other + " as a cache file");

    Path newer = folder.resolve("newer.db");
    SqliteBackend.builder().path(newer).build().close();
    try (RawFile raw = new RawFile(newer)) {
      raw.update("update cache_meta set format = 2");
    }
    assertThatThrownBy(() -> SqliteBackend.builder().path(newer).build())
        .hasMessageContaining("format 2; this version reads format 1");
  }
}
