package dev.cachedhttp.dynamodb.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import dev.cachedhttp.spi.MediaTypes;
import okhttp3.MediaType;
import okio.Buffer;
import okio.ByteString;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Chooses how a body is stored and reads it back. By default a body is stored so that it reads
 * back byte for byte: text of a textual type as a String, everything else as Binary, and gzip
 * when asked; on request a JSON body becomes a native document instead (JSON-equal on read).
 * The choice depends only on the body and its {@code Content-Type}, so reading needs nothing but
 * the stored item. Thread-safe.
 */
public final class BodyCodec {
  private static final int GZIP_BUFFER = 8192;

  private final long maxBodyBytes;

  /**
   * Creates a codec.
   *
   * @param maxBodyBytes the largest body a gzip attribute may expand to on read
   */
  public BodyCodec(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * A stored body: how it is encoded, the attribute value (absent for {@link BodyEncoding#EMPTY})
   * and the bytes a read of it serves.
   *
   * @param encoding how the body is stored
   * @param value the body attribute, {@code null} when empty
   * @param served the body a read gives back
   */
  public record Encoded(BodyEncoding encoding, AttributeValue value, ByteString served) {}

  /** Returns the most readable form of {@code body} that reads back byte for byte. */
  public Encoded exact(ByteString body, String contentType) {
    if (body.size() == 0) {
      return new Encoded(BodyEncoding.EMPTY, null, ByteString.EMPTY);
    }
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (type != null && isTextual(type)) {
      Optional<String> text = decodeExactly(body, charsetOf(type));
      if (text.isPresent()) {
        return new Encoded(BodyEncoding.TEXT, AttributeValue.fromS(text.get()), body);
      }
    }
    return binary(body);
  }

  /**
   * Returns {@code body} as a native JSON document (a Map or a List), or empty when it is not
   * UTF-8 JSON of a JSON media type that DynamoDB can hold as such.
   */
  public Optional<Encoded> document(ByteString body, String contentType) {
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (body.size() == 0 || type == null || !MediaTypes.isJson(type) || !isUtf8(type)) {
      return Optional.empty();
    }
    return JsonAttributes.toAttribute(body.toByteArray())
        .filter(BodyCodec::isDocument)
        .map(json -> new Encoded(BodyEncoding.JSON, json,
            ByteString.of(JsonAttributes.toJson(json))));
  }

  private static boolean isDocument(AttributeValue value) {
    return value.hasM() || value.hasL();
  }

  /** Returns {@code body} as raw Binary. */
  public Encoded binary(ByteString body) {
    return new Encoded(BodyEncoding.BINARY,
        AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(body.toByteArray())), body);
  }

  /** Returns {@code body} gzip-compressed as Binary. */
  public Encoded gzip(ByteString body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.size() / 4));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, GZIP_BUFFER)) {
      body.write(gzip);
    } catch (IOException e) {
      throw new IllegalStateException("gzip to memory failed", e);
    }
    return new Encoded(BodyEncoding.GZIP,
        AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(out.toByteArray())), body);
  }

  /**
   * Reads a body back.
   *
   * @param encoding how it was stored
   * @param value the body attribute, {@code null} for {@link BodyEncoding#EMPTY}
   * @param contentType the stored {@code Content-Type} header, or {@code null}
   * @throws IllegalArgumentException when the attribute does not match the encoding or a gzip
   *     body is corrupt or expands beyond the body limit
   */
  public ByteString decode(BodyEncoding encoding, AttributeValue value, String contentType) {
    if (encoding == BodyEncoding.EMPTY) {
      return ByteString.EMPTY;
    }
    if (value == null) {
      throw new IllegalArgumentException("body attribute missing for encoding " + encoding);
    }
    switch (encoding) {
      case JSON:
        if (!isDocument(value)) {
          throw new IllegalArgumentException("body attribute has the wrong type for " + encoding);
        }
        return ByteString.of(JsonAttributes.toJson(value));
      case TEXT:
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        return ByteString.encodeString(require(value.s(), encoding), charsetOf(type));
      case BINARY:
        return ByteString.of(require(value.b(), encoding).asByteArrayUnsafe());
      case GZIP:
        return gunzip(require(value.b(), encoding).asInputStream());
      default:
        throw new IllegalArgumentException("unknown body encoding " + encoding);
    }
  }

  private static <T> T require(T part, BodyEncoding encoding) {
    if (part == null) {
      throw new IllegalArgumentException("body attribute has the wrong type for " + encoding);
    }
    return part;
  }

  private ByteString gunzip(InputStream compressed) {
    try (GZIPInputStream in = new GZIPInputStream(compressed, GZIP_BUFFER)) {
      Buffer out = new Buffer();
      byte[] buffer = new byte[GZIP_BUFFER];
      for (int n; (n = in.read(buffer)) != -1; ) {
        if (out.size() + n > maxBodyBytes) {
          throw new IllegalArgumentException("gzip body expands beyond " + maxBodyBytes
              + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.readByteString();
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt gzip body", e);
    }
  }

  /** True for {@code text/*}, JSON, XML, JavaScript, form, YAML and similar textual types. */
  static boolean isTextual(MediaType type) {
    String main = type.type().toLowerCase(Locale.ROOT);
    String subtype = type.subtype().toLowerCase(Locale.ROOT);
    if (main.equals("text") || MediaTypes.isJson(type) || subtype.endsWith("+xml")) {
      return true;
    }
    return main.equals("application") && switch (subtype) {
      case "xml", "javascript", "ecmascript", "x-www-form-urlencoded", "yaml", "x-yaml",
          "x-ndjson", "ndjson", "graphql", "sql", "csv", "x-sh" -> true;
      default -> false;
    };
  }

  private static boolean isUtf8(MediaType type) {
    return charsetOf(type).equals(StandardCharsets.UTF_8);
  }

  /** The declared charset, or UTF-8 when none is declared or it is unknown to this JVM. */
  private static Charset charsetOf(MediaType type) {
    if (type == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return type.charset(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** Decodes {@code body}, or returns empty when the bytes do not round-trip in {@code charset}. */
  private static Optional<String> decodeExactly(ByteString body, Charset charset) {
    try {
      CharBuffer chars = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.toByteArray()));
      String text = chars.toString();
      if (!charset.equals(StandardCharsets.UTF_8)
          && !ByteString.of(text.getBytes(charset)).equals(body)) {
        return Optional.empty();
      }
      return Optional.of(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
