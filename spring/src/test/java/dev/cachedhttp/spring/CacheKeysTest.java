package dev.cachedhttp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

class CacheKeysTest {

  @Test
  void parameterListsAreQuotedElementByElement() {
    assertThat(CacheKeys.of(new SimpleKey("acme", "shoes, red")))
        .isEqualTo("(\"acme\",\"shoes, red\")");
    assertThat(CacheKeys.of(new SimpleKey("acme, shoes", "red")))
        .isEqualTo("(\"acme, shoes\",\"red\")");
    assertThat(CacheKeys.of(new SimpleKey("say \"hi\"", null, 42, true)))
        .isEqualTo("(\"say \\\"hi\\\"\",null,42,true)");
    assertThat(CacheKeys.of(SimpleKey.EMPTY)).isEqualTo("()");
  }

  @Test
  void arraysAndCollectionsAreListsOfTheirElements() {
    assertThat(CacheKeys.of(new String[] {"a", "b"})).isEqualTo("[\"a\",\"b\"]");
    assertThat(CacheKeys.of(new int[] {1, 2})).isEqualTo("[1,2]");
    assertThat(CacheKeys.of(List.of("a", List.of("b")))).isEqualTo("[\"a\",[\"b\"]]");
    assertThat(CacheKeys.of(new SimpleKey((Object) new String[] {"a"})))
        .isEqualTo("([\"a\"])");
  }

  @Test
  void plainKeysStayReadableAndNeverLookLikeALists() {
    assertThat(CacheKeys.of("user:7")).isEqualTo("user:7");
    assertThat(CacheKeys.of(42)).isEqualTo("42");
    assertThat(CacheKeys.of("[\"a\",\"b\"]")).isEqualTo("\\[\"a\",\"b\"]");
    assertThat(CacheKeys.of("(\"a\")")).isEqualTo("\\(\"a\")");
    assertThat(CacheKeys.of("\\x")).isEqualTo("\\\\x");
  }
}
