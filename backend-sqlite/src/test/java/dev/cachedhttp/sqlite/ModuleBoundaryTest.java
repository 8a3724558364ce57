package dev.cachedhttp.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.testkit.ModuleExports;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jar's module descriptor exports the backend to everyone and its internals to the CLI. */
class ModuleBoundaryTest {

  @Test
  void internalsAreExportedOnlyToTheCommandLineTool() {
    assertThat(ModuleExports.of(SqliteBackend.class))
        .containsEntry("dev.cachedhttp.sqlite", Set.of())
        .containsEntry("dev.cachedhttp.sqlite.internal", Set.of("dev.cachedhttp.cli"))
        .hasSize(2);
  }
}
