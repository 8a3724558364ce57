package dev.cachedhttp.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.cachedhttp.spi.MediaTypes;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;

/**
 * Canonical request bodies for cache keys: JSON with object keys sorted recursively and ignored
 * fields removed at every depth, form bodies with pairs sorted like a query and ignored fields
 * removed, anything else as its raw bytes after its media type. Each form is prefixed with its
 * kind so a JSON body and a raw body with the same bytes differ. Thread-safe.
 */
final class RequestBodies {
  /** Bodies larger than this (1 MiB) are not keyed: such requests bypass the cache. */
  static final long MAX_KEYED_BODY_BYTES = 1L << 20;

  /** The canonical form of no body: empty bytes (never written to). */
  private static final Optional<byte[]> NO_BODY = Optional.of(new byte[0]);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final IgnoredParameters ignored;

  RequestBodies(IgnoredParameters ignored) {
    this.ignored = ignored;
  }

  /** Returns the canonical body (empty bytes when there is none), or empty if not keyable. */
  Optional<byte[]> canonicalBody(Request request) {
    RequestBody body = request.body();
    if (body == null) {
      return NO_BODY;
    }
    try {
      if (body.isOneShot() || body.isDuplex() || body.contentLength() > MAX_KEYED_BODY_BYTES) {
        return Optional.empty();
      }
      LimitedBuffer buffer = new LimitedBuffer(MAX_KEYED_BODY_BYTES);
      BufferedSink sink = Okio.buffer(buffer);
      body.writeTo(sink);
      sink.flush();
      return Optional.of(canonical(body.contentType(), buffer.bytes()));
    } catch (LimitedBuffer.Exceeded tooLarge) {
      return Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  private byte[] canonical(MediaType type, byte[] raw) {
    if (type != null && MediaTypes.isJson(type)) {
      Optional<byte[]> json = canonicalJson(raw);
      if (json.isPresent()) {
        return prefixed("json:", json.get());
      }
    }
    if (type != null && "application".equals(type.type())
        && "x-www-form-urlencoded".equals(type.subtype())) {
      return prefixed("form:", canonicalForm(raw));
    }
    String mediaType = type == null ? "" : type.toString().toLowerCase(java.util.Locale.ROOT);
    return prefixed("raw:" + mediaType + "\n", raw);
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

  /**
   * The form body's pairs as {@code application/x-www-form-urlencoded} decodes them ({@code +} is
   * a space, percent-escapes are bytes), sorted by name with duplicates kept in their order,
   * ignored fields left out; each name and value written with its length so no two different
   * pair lists share a form.
   */
  private byte[] canonicalForm(byte[] raw) {
    List<byte[][]> pairs = new ArrayList<>();
    int start = 0;
    while (start <= raw.length) {
      int end = indexOf(raw, (byte) '&', start, raw.length);
      if (end > start) {
        int eq = indexOf(raw, (byte) '=', start, end);
        byte[] name = formDecoded(raw, start, eq);
        byte[] value = eq < end ? formDecoded(raw, eq + 1, end) : null;
        if (!ignored.isIgnoredParameter(new String(name, StandardCharsets.UTF_8))) {
          pairs.add(new byte[][] {name, value});
        }
      }
      start = end + 1;
    }
    pairs.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 8 * pairs.size());
    for (byte[][] pair : pairs) {
      writeLengthPrefixed(out, pair[0]);
      if (pair[1] == null) {
        out.write(0);
      } else {
        out.write(1);
        writeLengthPrefixed(out, pair[1]);
      }
    }
    return out.toByteArray();
  }

  /** The index of {@code wanted} in {@code bytes[from, to)}, or {@code to}. */
  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return to;
  }

  /** Decodes one form component: {@code +} is a space, a valid {@code %XX} is its byte. */
  private static byte[] formDecoded(byte[] raw, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = raw[i];
      int high = b == '%' ? hex(raw, i + 1, to) : -1;
      int low = high >= 0 ? hex(raw, i + 2, to) : -1;
      if (low >= 0) {
        out.write(high << 4 | low);
        i += 2;
      } else {
        out.write(b == '+' ? ' ' : b);
      }
    }
    return out.toByteArray();
  }

  private static int hex(byte[] raw, int index, int to) {
    if (index >= to) {
      return -1;
    }
    int c = raw[index];
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int lower = c | 0x20;
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes.length >>> 24);
    out.write(bytes.length >>> 16);
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static byte[] prefixed(String prefix, byte[] bytes) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[p.length + bytes.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(bytes, 0, out, p.length, bytes.length);
    return out;
  }
}
