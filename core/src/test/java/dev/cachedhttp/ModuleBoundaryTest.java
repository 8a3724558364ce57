package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The core jar is a module whose descriptor exports the API and the SPI to everyone and the
 * internals only to the project's own modules, so code on the module path cannot compile against
 * an internal type.
 */
class ModuleBoundaryTest {

  @Test
  void internalsAreExportedOnlyToTheProjectsOwnModules() {
    Module core = CachedClient.class.getModule();
    assertThat(core.isNamed()).as("core runs as a named module").isTrue();
    Map<String, Set<String>> exports = core.getDescriptor().exports().stream()
        .collect(Collectors.toMap(ModuleDescriptor.Exports::source,
            ModuleDescriptor.Exports::targets));

    assertThat(exports).containsOnlyKeys("dev.cachedhttp", "dev.cachedhttp.spi",
        "dev.cachedhttp.internal");
    assertThat(exports.get("dev.cachedhttp")).as("unqualified").isEmpty();
    assertThat(exports.get("dev.cachedhttp.spi")).as("unqualified").isEmpty();
    assertThat(exports.get("dev.cachedhttp.internal")).allMatch(
        target -> target.startsWith("dev.cachedhttp.")).isNotEmpty();
    assertThat(core.isExported("dev.cachedhttp.internal")).as("exported to everyone").isFalse();
  }
}
