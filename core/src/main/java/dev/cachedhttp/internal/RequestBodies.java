package dev.cachedhttp.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Canonical request bodies for cache keys: JSON with object keys sorted recursively and ignored
 * fields removed at every depth, form bodies with pairs sorted like a query and ignored fields
 * removed, anything else as its raw bytes after its media type. Each form is prefixed with its
 * kind so a JSON body and a raw body with the same bytes differ. Thread-safe.
 */
final class RequestBodies {
  /** Bodies larger than this (1 MiB) are not keyed: such requests bypass the cache. */
  static final long MAX_KEYED_BODY_BYTES = 1L << 20;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private final IgnoredParameters ignored;

  RequestBodies(IgnoredParameters ignored) {
    this.ignored = ignored;
  }

  /** Returns the canonical body (empty bytes when there is none), or empty if not keyable. */
  Optional<byte[]> canonicalBody(Request request) {
    RequestBody body = request.body();
    if (body == null) {
      return Optional.of(new byte[0]);
    }
    try {
      if (body.isOneShot() || body.isDuplex() || body.contentLength() > MAX_KEYED_BODY_BYTES) {
        return Optional.empty();
      }
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      if (buffer.size() > MAX_KEYED_BODY_BYTES) {
        return Optional.empty();
      }
      return Optional.of(canonical(body.contentType(), buffer.readByteArray()));
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  private byte[] canonical(MediaType type, byte[] raw) {
    if (type != null && isJson(type)) {
      Optional<byte[]> json = canonicalJson(raw);
      if (json.isPresent()) {
        return prefixed("json:", json.get());
      }
    }
    if (type != null && "application".equals(type.type())
        && "x-www-form-urlencoded".equals(type.subtype()) && isAscii(raw)) {
      return prefixed("form:", canonicalForm(new String(raw, StandardCharsets.US_ASCII))
          .getBytes(StandardCharsets.US_ASCII));
    }
    String mediaType = type == null ? "" : type.toString().toLowerCase(java.util.Locale.ROOT);
    return prefixed("raw:" + mediaType + "\n", raw);
  }

  static boolean isJson(MediaType type) {
    String subtype = type.subtype();
    return "json".equals(subtype) || subtype.endsWith("+json");
  }

  private Optional<byte[]> canonicalJson(byte[] raw) {
    try {
      JsonNode tree = JSON.readTree(raw);
      if (tree == null || tree.isMissingNode()) {
        return Optional.empty();
      }
      removeIgnored(tree);
      Object plain = JSON.treeToValue(tree, Object.class);
      return Optional.of(JSON.writeValueAsBytes(plain));
    } catch (IOException | RuntimeException notOneDocument) {
      // Not exactly one JSON document, or one Jackson cannot represent (a number such as
      // 1e9999999999): keyed by its raw bytes instead.
      return Optional.empty();
    }
  }

  private void removeIgnored(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (ignored.isIgnoredParameter(name)) {
          object.remove(name);
        } else {
          removeIgnored(object.get(name));
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::removeIgnored);
    }
  }

  /** The form body's pairs normalised and sorted like a query, ignored fields left out. */
  private String canonicalForm(String form) {
    List<String[]> pairs = CanonicalUrl.encodedQueryPairs(form, ignored::isIgnoredParameter);
    CanonicalUrl.sortPairs(pairs);
    StringBuilder out = new StringBuilder(form.length());
    CanonicalUrl.appendPairs(out, pairs);
    return out.toString();
  }

  /** A form body with other bytes than ASCII is not a valid form: it is keyed raw. */
  private static boolean isAscii(byte[] raw) {
    for (byte b : raw) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] prefixed(String prefix, byte[] bytes) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[p.length + bytes.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(bytes, 0, out, p.length, bytes.length);
    return out;
  }
}
