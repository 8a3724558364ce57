package dev.cachedhttp.dynamodb.internal;

import dev.cachedhttp.internal.StoredBodies;
import dev.cachedhttp.spi.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.MediaType;
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
final class BodyCodec {
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
    Optional<String> text = StoredBodies.exactText(body, contentType);
    if (text.isPresent()) {
      return new Encoded(BodyEncoding.TEXT, AttributeValue.fromS(text.get()), body);
    }
    return binary(body);
  }

  /**
   * Returns {@code body} as a native JSON document (a Map or a List), or empty when it is not
   * UTF-8 JSON of a JSON media type that DynamoDB can hold as such.
   */
  public Optional<Encoded> document(ByteString body, String contentType) {
    MediaType type = StoredBodies.mediaType(contentType);
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
    return new Encoded(BodyEncoding.GZIP,
        AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(StoredBodies.gzip(body))), body);
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
        return StoredBodies.fromText(require(value.s(), encoding), contentType);
      case BINARY:
        return ByteString.of(require(value.b(), encoding).asByteArrayUnsafe());
      case GZIP:
        return StoredBodies.gunzip(require(value.b(), encoding).asInputStream(), maxBodyBytes);
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

  private static boolean isUtf8(MediaType type) {
    return StoredBodies.charsetOf(type).equals(StandardCharsets.UTF_8);
  }
}
