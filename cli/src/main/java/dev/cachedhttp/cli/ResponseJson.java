package dev.cachedhttp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Headers;
import okio.ByteString;

/** A stored response as one JSON object: the document the library decoded, body included. */
final class ResponseJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ResponseJson() {}

  /** The export form of {@code response} stored under {@code key}. */
  static ObjectNode of(String key, CachedResponse response) {
    ObjectNode node = JSON.objectNode();
    node.put("key", key).put("url", response.url()).put("method", response.method())
        .put("status", response.status()).put("reason", response.message())
        .put("protocol", response.protocol());
    node.set("headers", headers(response.headers()));
    ObjectNode request = node.putObject("request");
    request.put("method", response.request().method()).put("url", response.request().url());
    request.set("headers", headers(response.request().headers()));
    node.put("request_sent_at", response.requestSentAt().toString())
        .put("created_at", response.createdAt().toString());
    response.expires().ifPresent(expires -> node.put("expires", expires.toString()));
    ArrayNode history = node.putArray("history");
    for (RedirectHop hop : response.history()) {
      history.addObject().put("url", hop.url()).put("status", hop.status());
    }
    node.put("body_size", response.body().size());
    Optional<String> text = text(response.body());
    if (text.isPresent()) {
      node.put("body", text.get());
    } else {
      node.put("body_base64", response.body().base64());
    }
    return node;
  }

  /** Headers as a map from name to the list of its values, in stored order. */
  static ObjectNode headers(Headers headers) {
    ObjectNode node = JSON.objectNode();
    for (String name : headers.names()) {
      ArrayNode values = node.putArray(name);
      headers.values(name).forEach(values::add);
    }
    return node;
  }

  /** The body as text when it is valid UTF-8 without control characters other than space. */
  static Optional<String> text(ByteString body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(body.asByteBuffer()).toString();
      boolean printable = text.chars().allMatch(c -> c >= ' ' || c == '\n' || c == '\r'
          || c == '\t');
      return printable ? Optional.of(text) : Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
