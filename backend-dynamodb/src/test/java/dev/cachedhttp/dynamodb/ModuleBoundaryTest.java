package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.testkit.ModuleExports;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jar's module descriptor exports the backend to everyone and its internals to two tools. */
class ModuleBoundaryTest {

  @Test
  void internalsAreExportedOnlyToTheCommandLineToolAndTheBenchmarks() {
    assertThat(ModuleExports.of(DynamoDbBackend.class))
        .containsEntry("dev.cachedhttp.dynamodb", Set.of())
        .containsEntry("dev.cachedhttp.dynamodb.internal",
            Set.of("dev.cachedhttp.bench", "dev.cachedhttp.cli"))
        .hasSize(2);
  }
}
