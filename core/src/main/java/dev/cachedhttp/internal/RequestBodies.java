package dev.cachedhttp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * removed, anything else as its raw bytes. Each form is prefixed with its kind so a JSON body and
 * a raw body with the same bytes differ. Thread-safe.
 */
final class RequestBodies {
  /** Bodies larger than this (1 MiB) are not keyed: such requests bypass the cache. */
  static final long MAX_KEYED_BODY_BYTES = 1L << 20;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
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
        && "x-www-form-urlencoded".equals(type.subtype())) {
      return prefixed("form:", canonicalForm(new String(raw, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8));
    }
    return prefixed("raw:", raw);
  }

  static boolean isJson(MediaType type) {
    String subtype = type.subtype();
    return "json".equals(subtype) || subtype.endsWith("+json");
  }

  private Optional<byte[]> canonicalJson(byte[] raw) {
    try {
      JsonNode tree = JSON.readTree(raw);
      if (tree == null) {
        return Optional.empty();
      }
      removeIgnored(tree);
      Object plain = JSON.treeToValue(tree, Object.class);
      return Optional.of(JSON.writeValueAsBytes(plain));
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    } catch (IOException unreadable) {
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

  private String canonicalForm(String form) {
    List<String[]> pairs = new ArrayList<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? null : decode(pair.substring(eq + 1));
      if (!ignored.isIgnoredParameter(name)) {
        pairs.add(new String[] {name, value});
      }
    }
    CanonicalUrl.sortPairs(pairs);
    StringBuilder out = new StringBuilder();
    CanonicalUrl.appendPairs(out, pairs);
    return out.toString();
  }

  private static String decode(String encoded) {
    try {
      return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return encoded;
    }
  }

  private static byte[] prefixed(String prefix, byte[] bytes) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[p.length + bytes.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(bytes, 0, out, p.length, bytes.length);
    return out;
  }
}
