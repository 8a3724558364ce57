package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.dynamodb.internal.JsonAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class JsonAttributesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Numbers compare by value (DynamoDB stores 1.50 as 1.5, 1e2 as 100). */
  private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":7,\"name\":\"Ada\",\"tags\":[\"a\",\"b\"],\"n\":{\"x\":1.5,\"y\":null,\"ok\":true}}",
      "[1,2,3]",
      "[]",
      "{}",
      "\"just a string\"",
      "42",
      "null",
      "false",
      "{\"price\":10.0,\"big\":1e2,\"tiny\":1.50,\"neg\":-0.001,\"zero\":-0}",
      "{\"max\":12345678901234567890123456789012345678}",
      "{\"huge\":9.9e125,\"small\":1e-130}",
      "{\"unicode\":\"h\\u00e9llo \\ud83d\\ude00\",\"empty\":\"\",\"nested\":[[[]]]}",
      "  {\"spaced\" :  [ 1 , 2 ] }  \n"})
  void representableDocumentsRoundTripAsEqualJson(String json) throws Exception {
    Optional<AttributeValue> value = JsonAttributes.toAttribute(bytes(json));

    assertThat(value).isPresent();
    JsonNode back = JSON.readTree(JsonAttributes.toJson(value.get()));
    assertThat(back.equals(BY_VALUE, JSON.readTree(json))).as("%s read back as %s", json, back)
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "{",
      "{\"a\":1} trailing",
      "{\"a\":1}{\"b\":2}",
      "{\"\":1}",
      "{\"a\":1,\"a\":2}",
      "{\"n\":123456789012345678901234567890123456789}",
      "{\"n\":1.00000000000000000000000000000000000001}",
      "{\"n\":1e126}",
      "{\"n\":1e-131}",
      "NaN"})
  void documentsDynamoDbCannotHoldAreRefused(String json) {
    assertThat(JsonAttributes.toAttribute(bytes(json))).isEmpty();
  }

  @Test
  void nestingUpToTheLimitIsNativeAndOneMoreIsRefused() {
    assertThat(JsonAttributes.toAttribute(bytes(nested(JsonAttributes.MAX_DEPTH)))).isPresent();
    assertThat(JsonAttributes.toAttribute(bytes(nested(JsonAttributes.MAX_DEPTH + 1)))).isEmpty();
  }

  @Test
  void jsonIsMappedToNativeTypes() {
    AttributeValue value = JsonAttributes.toAttribute(
        bytes("{\"s\":\"x\",\"n\":1.50,\"b\":true,\"z\":null,\"l\":[1],\"m\":{}}")).orElseThrow();

    assertThat(value.m().get("s")).isEqualTo(AttributeValue.fromS("x"));
    assertThat(value.m().get("n")).isEqualTo(AttributeValue.fromN("1.5"));
    assertThat(value.m().get("b")).isEqualTo(AttributeValue.fromBool(true));
    assertThat(value.m().get("z")).isEqualTo(AttributeValue.fromNul(true));
    assertThat(value.m().get("l").l()).containsExactly(AttributeValue.fromN("1"));
    assertThat(value.m().get("m").m()).isEmpty();
  }

  /** An object nested {@code depth} containers deep, alternating objects and arrays. */
  static String nested(int depth) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i % 2 == 0) {
        open.append("{\"level").append(i).append("\":");
        close.insert(0, '}');
      } else {
        open.append('[');
        close.insert(0, ']');
      }
    }
    return open + "\"bottom\"" + close;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
