package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-statement lookup: the key's own response first, then its alias's, both live. */
class LookupTest {
  @TempDir
  Path folder;

  private final MutableClock clock = MutableClock.create();

  private SqliteBackend backend() {
    return SqliteBackend.builder().path(folder.resolve("l.db")).cleanupInterval(Duration.ZERO)
        .clock(clock).build();
  }

  @Test
  void aKeysOwnResponseWinsOverTheResponseItsAliasLeadsTo() {
    try (SqliteBackend backend = backend()) {
      backend.redirects().put("k", "target", null);
      backend.responses().put("target", ReadableResponses.text(clock, "via alias"), null);
      assertThat(backend.lookup("k").orElseThrow().key()).isEqualTo("target");

      backend.responses().put("k", ReadableResponses.text(clock, "own"), null);

      assertThat(backend.lookup("k").orElseThrow().response().body().utf8()).isEqualTo("own");
      assertThat(backend.lookup("k").orElseThrow().key()).isEqualTo("k");
    }
  }

  @Test
  void anExpiredAliasOrAnExpiredTargetIsAMiss() {
    try (SqliteBackend backend = backend()) {
      Instant soon = clock.instant().plusSeconds(10);
      backend.redirects().put("short-alias", "target", soon);
      backend.redirects().put("alias", "short-target", null);
      backend.responses().put("target", ReadableResponses.text(clock, "t"), null);
      backend.responses().put("short-target", ReadableResponses.text(clock, "s"), soon);
      assertThat(backend.lookup("short-alias")).isPresent();
      assertThat(backend.lookup("alias")).isPresent();

      clock.advance(Duration.ofSeconds(11));

      assertThat(backend.lookup("short-alias")).isEmpty();
      assertThat(backend.lookup("alias")).isEmpty();
      assertThat(backend.lookup("target")).isPresent();
    }
  }
}
