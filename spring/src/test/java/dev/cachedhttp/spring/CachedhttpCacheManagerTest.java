package dev.cachedhttp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.memory.MemoryBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachedhttpCacheManagerTest {

  @Test
  void theBuilderRefusesBadValuesNamingThem() {
    CachedhttpCacheManager.Builder builder = CachedhttpCacheManager.builder();

    assertThatThrownBy(() -> builder.defaultExpiration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultExpiration");
    assertThatThrownBy(() -> builder.expiration("users", Duration.ofSeconds(-2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users")
        .hasMessageContaining("PT-2S");
    assertThatThrownBy(() -> builder.cacheNames("responses"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responses");
    assertThatThrownBy(() -> builder.allowPackage("java.lang"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang");
  }

  @Test
  void fixedCacheNamesAreMadeUpFrontAndOthersAreNull() {
    try (CachedhttpCacheManager manager = CachedhttpCacheManager.builder()
        .backend(MemoryBackend.create()).cacheNames("users", "reports")
        .expiration("reports", Duration.ofSeconds(30)).build()) {
      assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("users", "reports");
      assertThat(manager.getCache("other")).isNull();
      assertThat(((CachedhttpCache) manager.getCache("reports")).expiration())
          .isEqualTo(Duration.ofSeconds(30));
      assertThat(((CachedhttpCache) manager.getCache("users")).expiration())
          .isEqualTo(ValueCache.NEVER);
    }
  }

  @Test
  void withoutABackendTheManagerUsesTheDefaultOne() {
    try (CachedhttpCacheManager manager = CachedhttpCacheManager.builder().build()) {
      manager.getCache("users").put("k", "v");

      assertThat(manager.backend()).isInstanceOf(MemoryBackend.class);
      assertThat(manager.getCache("users").get("k").get()).isEqualTo("v");
    }
  }
}
