package dev.cachedhttp.testkit.dynamodb.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The answers {@link DynamoDbFaultProxy} makes up, and the damage it does to real ones. */
final class FaultAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
  private static final Set<String> KEY_ATTRIBUTES = Set.of("namespace", "key");

  private FaultAnswers() {}

  /** The answer DynamoDB gives for {@code kind}, which is not forwarded. */
  static HttpMessage madeUp(Fault.Kind kind) {
    return switch (kind) {
      case THROTTLE_PROVISIONED -> error(400, "Bad Request",
          "ProvisionedThroughputExceededException", "The level of configured provisioned "
              + "throughput for the table was exceeded. Consider increasing your provisioning "
              + "level with the UpdateTable API.");
      case THROTTLE_RATE -> error(400, "Bad Request", "ThrottlingException",
          "Rate of requests exceeds the allowed throughput.");
      case SERVER_ERROR -> error(500, "Internal Server Error", "InternalServerError",
          "Internal server error");
      case GARBAGE -> HttpMessage.response(200, "OK",
          "\u0000\u00ff<html>not the answer {\"Item\": [[[\u0007".getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(kind + " is not answered by the proxy");
    };
  }

  private static HttpMessage error(int status, String reason, String type, String message) {
    ObjectNode body = JSON.createObjectNode()
        .put("__type", ERROR_PREFIX + type)
        .put("message", message);
    HttpMessage answer = HttpMessage.response(status, reason, body.toString()
        .getBytes(StandardCharsets.UTF_8));
    answer.setHeader("x-amzn-ErrorType", type);
    return answer;
  }

  /**
   * Gives every string attribute of every item in a read's answer, other than the key, the
   * wrong type ({@code BOOL}); the answer stays well-formed JSON with a correct checksum. An
   * answer that is not a 200 with JSON is left alone. Returns true when an item was damaged.
   */
  static boolean damageItems(HttpMessage answer, Predicate<JsonNode> damage)
      throws IOException {
    if (answer.status() != 200) {
      return false;
    }
    JsonNode root = JSON.readTree(answer.body());
    boolean damaged = damage.test(root.get("Item"));
    damaged |= damageAll(root.get("Items"), damage);
    JsonNode responses = root.get("Responses");
    if (responses != null) {
      for (JsonNode table : responses) {
        damaged |= damageAll(table, damage);
      }
    }
    if (damaged) {
      answer.withBody(JSON.writeValueAsBytes(root));
    }
    return damaged;
  }

  private static boolean damageAll(JsonNode items, Predicate<JsonNode> damage) {
    boolean damaged = false;
    if (items != null) {
      for (JsonNode item : items) {
        damaged |= damage.test(item);
      }
    }
    return damaged;
  }

  /** Gives every string attribute other than the key the wrong type. */
  static boolean damageStrings(JsonNode item) {
    if (!(item instanceof ObjectNode attributes)) {
      return false;
    }
    boolean damaged = false;
    for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
      if (!KEY_ATTRIBUTES.contains(attribute.getKey()) && attribute.getValue().has("S")) {
        attribute.setValue(JSON.createObjectNode().put("BOOL", true));
        damaged = true;
      }
    }
    return damaged;
  }

  /** Flips one bit in the middle of every binary attribute. */
  static boolean damageBinary(JsonNode item) {
    if (!(item instanceof ObjectNode attributes)) {
      return false;
    }
    boolean damaged = false;
    for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
      JsonNode binary = attribute.getValue().get("B");
      if (binary != null && binary.isTextual()) {
        byte[] bytes = Base64.getDecoder().decode(binary.asText());
        if (bytes.length > 0) {
          bytes[bytes.length / 2] ^= 1;
          attribute.setValue(JSON.createObjectNode()
              .put("B", Base64.getEncoder().encodeToString(bytes)));
          damaged = true;
        }
      }
    }
    return damaged;
  }
}
