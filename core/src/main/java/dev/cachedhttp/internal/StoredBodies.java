package dev.cachedhttp.internal;

import dev.cachedhttp.spi.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okio.Buffer;
import okio.ByteString;
import okio.GzipSource;
import okio.Okio;

/**
 * The store-neutral parts of the byte-exact body format that persistent backends share: whether a
 * body reads back exactly as text of its declared charset, bounded gzip, and the CRC32C of the
 * served bytes that every read checks. How the parts are laid out (a DynamoDB attribute, a SQLite
 * column) is each backend's business. Not API. Thread-safe (stateless).
 */
public final class StoredBodies {
  private static final int GZIP_BUFFER = 8192;

  /** Most distinct {@code Content-Type} values whose parsed form is kept. */
  private static final int MAX_MEMOIZED_MEDIA_TYPES = 256;

  /** {@code Content-Type} is parsed with a regular expression: parsed values are kept. */
  private static final ParseMemo<MediaType> MEDIA_TYPES =
      new ParseMemo<>(MediaType::parse, MAX_MEMOIZED_MEDIA_TYPES);

  private StoredBodies() {}

  /**
   * Returns {@code body} as text when its {@code Content-Type} is textual and its bytes decode in
   * the declared charset (UTF-8 when none) and encode back to the same bytes; empty otherwise.
   */
  public static Optional<String> exactText(ByteString body, String contentType) {
    MediaType type = mediaType(contentType);
    if (type == null || !isTextual(type)) {
      return Optional.empty();
    }
    Charset charset = charsetOf(type);
    try {
      CharBuffer chars = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(body.asByteBuffer());
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

  /** Encodes text stored by {@link #exactText} back to the bytes it came from. */
  public static ByteString fromText(String text, String contentType) {
    MediaType type = mediaType(contentType);
    return ByteString.encodeString(text, charsetOf(type));
  }

  /**
   * The parsed form of a {@code Content-Type} value, or null for a null or malformed value. The
   * parsed forms of the last few hundred distinct values are kept, so a hit does not run OkHttp's
   * regular expression again.
   */
  public static MediaType mediaType(String contentType) {
    return MEDIA_TYPES.get(contentType);
  }

  /** True for {@code text/*}, JSON, XML, JavaScript, form, YAML and similar textual types. */
  public static boolean isTextual(MediaType type) {
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

  /** The declared charset of {@code type}, or UTF-8 when none is declared or it is unknown. */
  public static Charset charsetOf(MediaType type) {
    if (type == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return type.charset(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** Returns {@code body} gzip-compressed. */
  public static byte[] gzip(ByteString body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.size() / 4));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, GZIP_BUFFER)) {
      body.write(gzip);
    } catch (IOException e) {
      throw new IllegalStateException("gzip to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Expands gzip-compressed bytes straight into the segments of the returned body (no
   * intermediate array, no second copy), reading at most {@value #GZIP_BUFFER} bytes past
   * {@code maxBytes} before it gives up.
   *
   * @throws IllegalArgumentException when they are corrupt or expand beyond {@code maxBytes}
   */
  public static ByteString gunzip(InputStream compressed, long maxBytes) {
    try (GzipSource in = new GzipSource(Okio.source(compressed))) {
      Buffer out = new Buffer();
      while (in.read(out, GZIP_BUFFER) != -1) {
        if (out.size() > maxBytes) {
          throw new IllegalArgumentException("gzip body expands beyond " + maxBytes + " bytes");
        }
      }
      return out.readByteString();
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt gzip body", e);
    }
  }

  /**
   * The CRC32C of {@code body}, an unsigned 32-bit value, computed over the body's own arrays
   * (a body made of segments is not copied into one array first).
   */
  public static long crc32c(ByteString body) {
    CRC32C crc = new CRC32C();
    try {
      body.write(new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
    } catch (IOException e) {
      throw new IllegalStateException("checksum of a body in memory failed", e);
    }
    return crc.getValue();
  }

  /**
   * Checks that {@code body} has the checksum {@code expected}.
   *
   * @throws IllegalArgumentException when it does not
   */
  public static void verifyCrc32c(ByteString body, long expected) {
    long actual = crc32c(body);
    if (actual != expected) {
      throw new IllegalArgumentException("body checksum mismatch: stored CRC32C " + expected
          + ", the " + body.size() + "-byte body read back has " + actual);
    }
  }
}
