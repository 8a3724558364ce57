package dev.cachedhttp.sqlite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;

/**
 * Headers as readable JSON text: an object from name to the list of its values. Values of one
 * name keep their order; names differing only in case share the spelling first seen; the order
 * between names carries no meaning in HTTP and is kept only as written.
 */
final class HeadersJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private HeadersJson() {}

  static ObjectNode toJson(Headers headers) {
    ObjectNode node = JSON.createObjectNode();
    Map<String, String> spelling = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String given = headers.name(i);
      String name = spelling.computeIfAbsent(given.toLowerCase(Locale.ROOT), lower -> given);
      JsonNode values = node.get(name);
      (values == null ? node.putArray(name) : (ArrayNode) values).add(headers.value(i));
    }
    return node;
  }

  /**
   * Reads headers written by {@link #toJson}.
   *
   * @throws IllegalArgumentException when {@code node} is not an object of string lists or a
   *     name or value is not a valid header
   */
  static Headers fromJson(JsonNode node, String column) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("column " + column + " must hold a JSON object");
    }
    Headers.Builder builder = new Headers.Builder();
    for (Map.Entry<String, JsonNode> header : node.properties()) {
      if (!header.getValue().isArray()) {
        throw new IllegalArgumentException("header " + header.getKey() + " in column " + column
            + " is not a list");
      }
      for (JsonNode value : header.getValue()) {
        if (!value.isTextual()) {
          throw new IllegalArgumentException("header " + header.getKey() + " in column "
              + column + " has a non-string value");
        }
        builder.addUnsafeNonAscii(header.getKey(), value.textValue());
      }
    }
    return builder.build();
  }
}
