package dev.cachedhttp.sqlite.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachedhttp.spi.StoredRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;

/**
 * Headers and the stored request as readable JSON text: headers are an object from name to the
 * list of its values (values of one name keep their order; names differing only in case share
 * the spelling first seen), the request is {@code {"method":..., "url":..., "headers":{...}}}.
 * Reads stream through the text (a hit reads both) and check every token.
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
      ArrayNode values = node.has(name) ? (ArrayNode) node.get(name) : node.putArray(name);
      values.add(headers.value(i));
    }
    return node;
  }

  static ObjectNode toJson(StoredRequest request) {
    ObjectNode node = JSON.createObjectNode()
        .put("method", request.method()).put("url", request.url());
    node.set("headers", toJson(request.headers()));
    return node;
  }

  /**
   * Reads headers written by {@link #toJson(Headers)}.
   *
   * @throws IllegalArgumentException naming {@code column} when the text is not an object of
   *     string lists or a name or value is not a valid header
   */
  static Headers headers(String json, String column) {
    try (JsonParser parser = JSON.getFactory().createParser(json)) {
      expect(parser, JsonToken.START_OBJECT, column);
      Headers headers = readHeaders(parser, column);
      expectEnd(parser, column);
      return headers;
    } catch (IOException e) {
      throw new IllegalArgumentException("column " + column + " is not valid JSON", e);
    }
  }

  /**
   * Reads a request written by {@link #toJson(StoredRequest)}.
   *
   * @throws IllegalArgumentException when the text is not such an object
   */
  static StoredRequest request(String json) {
    String column = "request";
    try (JsonParser parser = JSON.getFactory().createParser(json)) {
      expect(parser, JsonToken.START_OBJECT, column);
      String method = null;
      String url = null;
      Headers headers = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "method" -> method = text(parser, value, column);
          case "url" -> url = text(parser, value, column);
          case "headers" -> headers = readHeaders(parser, value, column);
          default -> parser.skipChildren();
        }
      }
      expectEnd(parser, column);
      if (method == null || url == null || headers == null) {
        throw new IllegalArgumentException("column request lacks its method, url or headers");
      }
      return new StoredRequest(method, url, headers);
    } catch (IOException e) {
      throw new IllegalArgumentException("column request is not valid JSON", e);
    }
  }

  private static Headers readHeaders(JsonParser parser, JsonToken start, String column)
      throws IOException {
    if (start != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("column " + column + " must hold a headers object");
    }
    return readHeaders(parser, column);
  }

  /** Reads the fields of a headers object whose start has been read. */
  private static Headers readHeaders(JsonParser parser, String column) throws IOException {
    Headers.Builder builder = new Headers.Builder();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("header " + name + " in column " + column
            + " is not a list");
      }
      for (JsonToken value; (value = parser.nextToken()) != JsonToken.END_ARRAY; ) {
        builder.addUnsafeNonAscii(name, text(parser, value, column));
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new IllegalArgumentException("column " + column + " holds a malformed object");
    }
    return builder.build();
  }

  private static String text(JsonParser parser, JsonToken token, String column)
      throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("column " + column + " has a non-string value");
    }
    return parser.getText();
  }

  private static void expect(JsonParser parser, JsonToken token, String column)
      throws IOException {
    if (parser.nextToken() != token) {
      throw new IllegalArgumentException("column " + column + " must hold a JSON object");
    }
  }

  private static void expectEnd(JsonParser parser, String column) throws IOException {
    if (parser.nextToken() != null) {
      throw new IllegalArgumentException("column " + column + " has content after its object");
    }
  }
}
