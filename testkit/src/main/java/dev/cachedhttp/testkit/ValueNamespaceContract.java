package dev.cachedhttp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.Storage;
import dev.cachedhttp.spi.StoredValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour of a backend's value namespaces ({@link Backend#values(String)}); part of {@link
 * StorageContract}, which every backend's test runs.
 */
public interface ValueNamespaceContract {
  /** The namespace most tests use. */
  String NAMESPACE = "cache";

  /** A second namespace, to check that namespaces are independent. */
  String OTHER = "other-namespace";

  /** The backend under test. */
  Backend backend();

  /** The clock the backend reads. */
  MutableClock clock();

  /** Empties the namespaces the tests use; called once the backend exists, before each test. */
  default void clearValueNamespaces() {
    backend().values(NAMESPACE).clear();
    backend().values(OTHER).clear();
  }

  private Storage<StoredValue> values() {
    return backend().values(NAMESPACE);
  }

  private StoredValue stored(JsonNode tree, Duration expiresIn) {
    Instant now = clock().instant();
    return new StoredValue(tree, now, expiresIn == null ? null : now.plus(expiresIn),
        "com.example.Report");
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Test
  default void aValueRoundTripsWithItsMetadata() {
    JsonNode tree = json("{\"foo\":\"bar\",\"n\":7,\"x\":1.5,\"ok\":true,\"none\":null,"
        + "\"tags\":[\"a\",\"b\"],\"nested\":{\"deep\":{\"k\":\"v\"}},\"empty\":{}}");
    StoredValue value = stored(tree, Duration.ofMinutes(5));
    values().put("report:1", value, value.expiresAt());

    StoredValue read = values().get("report:1").orElseThrow();

    assertThat(read.value()).isEqualTo(tree);
    assertThat(read.createdAt()).isEqualTo(value.createdAt());
    assertThat(read.expiresAt()).isEqualTo(value.expiresAt());
    assertThat(read.typeName()).isEqualTo("com.example.Report");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"just a string\"", "42", "-1.25", "true", "null", "[1,\"two\",[3]]",
      "\"\"", "{\"\":\"empty name\"}", "12345678901234567890123456789012345678901234567890",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
  default void everyKindOfJsonValueRoundTrips(String text) {
    JsonNode tree = json(text);
    values().put("k", new StoredValue(tree, clock().instant(), null, null), null);

    StoredValue read = values().get("k").orElseThrow();

    assertThat(read.value().toString()).isEqualTo(tree.toString());
    assertThat(read.typeName()).isNull();
    assertThat(read.expiresAt()).isNull();
  }

  @Test
  default void aValueIsAHitUntilItsExpiryAndAMissAfter() {
    StoredValue value = stored(JsonNodeFactory.instance.textNode("v"), Duration.ofSeconds(30));
    values().put("soon", value, value.expiresAt());

    clock().advance(Duration.ofSeconds(29));
    assertThat(values().get("soon")).isPresent();
    assertThat(values().contains("soon")).isTrue();

    clock().advance(Duration.ofSeconds(2));
    assertThat(values().get("soon")).isEmpty();
    assertThat(values().contains("soon")).isFalse();
  }

  @Test
  default void namespacesAreIndependentOfEachOtherAndOfTheHttpNamespaces() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("in", NAMESPACE);
    values().put("same-key", stored(tree, null), null);
    backend().values(OTHER).put("same-key", stored(json("{\"in\":\"other\"}"), null), null);
    backend().redirects().put("same-key", "target", null);

    assertThat(values().get("same-key").orElseThrow().value()).isEqualTo(tree);
    values().clear();

    assertThat(values().get("same-key")).isEmpty();
    assertThat(values().count()).isZero();
    assertThat(backend().values(OTHER).get("same-key").orElseThrow().value().get("in").asText())
        .isEqualTo("other");
    assertThat(backend().redirects().get("same-key")).contains("target");
  }

  @Test
  default void deleteSaysWhetherTheValueExisted() {
    values().put("d", stored(json("{}"), null), null);

    assertThat(values().delete("d")).isTrue();
    assertThat(values().get("d")).isEmpty();
    assertThat(values().delete("d")).isFalse();
  }

  @Test
  default void keysAreStoredAsGivenAndListedAndCounted() {
    List<String> keys = List.of("user:42", "Ünïcödé key ✓", "with space", "a/b?c=d");
    for (String key : keys) {
      values().put(key, stored(json("1"), null), null);
    }

    try (Stream<String> listed = values().keys()) {
      assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
    }
    assertThat(values().count()).isEqualTo(keys.size());
    assertThat(values().get("Ünïcödé key ✓")).isPresent();
  }

  @Test
  default void aVeryLongKeyIsStoredAndNotConfusedWithAnother() {
    String longKey = "report:" + "x".repeat(3000);
    String similar = "report:" + "x".repeat(2999) + "y";
    values().put(longKey, stored(json("\"long\""), null), null);

    assertThat(values().get(longKey).orElseThrow().value().asText()).isEqualTo("long");
    assertThat(values().get(similar)).isEmpty();
    assertThat(values().get(longKey.substring(0, 1000))).isEmpty();
    assertThat(values().delete(longKey)).isTrue();
  }

  @Test
  default void aValueTooLargeForTheBackendIsRejectedAndNothingIsStored() {
    JsonNode huge = JsonNodeFactory.instance.textNode("z".repeat(10 << 20));

    assertThatThrownBy(() -> values().put("huge", stored(huge, null), null))
        .isInstanceOf(EntryTooLargeException.class);
    assertThat(values().get("huge")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "responses", "redirects", "has space", "colon:inside", "hash#x",
      "slash/x", "a-name-that-is-much-longer-than-sixty-four-characters-which-is-the-limit"})
  default void anInvalidNamespaceIsRefusedWithItsName(String name) {
    assertThatThrownBy(() -> backend().values(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + name + "\"");
  }
}
