package dev.cachedhttp.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendValuesDefaultTest {
  /** A backend written before value namespaces existed. */
  private static final class OldBackend implements Backend {
    @Override
    public Storage<CachedResponse> responses() {
      throw new AssertionError("not used");
    }

    @Override
    public Storage<String> redirects() {
      throw new AssertionError("not used");
    }
  }

  @Test
  void aBackendWithoutValueSupportSaysSoClearly() {
    assertThatThrownBy(() -> new OldBackend().values("cache"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining(OldBackend.class.getName())
        .hasMessageContaining("does not store values");
  }

  @Test
  void theNamespaceIsCheckedFirst() {
    assertThatThrownBy(() -> new OldBackend().values("responses"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
  }
}
