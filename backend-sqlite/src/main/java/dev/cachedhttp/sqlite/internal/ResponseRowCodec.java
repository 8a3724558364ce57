package dev.cachedhttp.sqlite.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cachedhttp.internal.StoredBodies;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.EntryTooLargeException;
import dev.cachedhttp.spi.RedirectHop;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.MediaType;
import okio.ByteString;

/**
 * Stores a {@link CachedResponse} as a readable row: status, url and method as columns, headers,
 * request and redirect history as JSON text, times as ISO-8601 text, and the body byte-exact (as
 * TEXT when it reads back exactly in its charset, else as a BLOB, gzip-compressed above the
 * configured size) with the CRC32C of the served bytes. Reads check the format, the sizes before
 * anything is allocated from them, the body's type against its encoding, and the checksum.
 * Thread-safe.
 */
final class ResponseRowCodec implements RowCodec<CachedResponse> {
  /** The most characters of url, headers, request and history a row may hold: 1 MiB. */
  static final long MAX_METADATA_CHARS = 1L << 20;

  private static final String CONTENT_TYPE = "Content-Type";

  private final long maxBodyBytes;
  private final long compressAbove;

  /**
   * Creates the codec.
   *
   * @param maxBodyBytes the largest body stored or read back
   * @param compressAbove bodies larger than this are stored gzip-compressed (when smaller so)
   */
  ResponseRowCodec(long maxBodyBytes, long compressAbove) {
    this.maxBodyBytes = maxBodyBytes;
    this.compressAbove = compressAbove;
  }

  @Override
  public String columns() {
    return Schema.responseColumns("");
  }

  @Override
  public Row write(CachedResponse response) {
    ByteString body = response.body();
    if (body.size() > maxBodyBytes) {
      throw new EntryTooLargeException("body of " + body.size() + " bytes exceeds the SQLite "
          + "backend's maxBodyBytes of " + maxBodyBytes);
    }
    Row row = new Row()
        .set("url", response.url())
        .set("method", response.method())
        .set("status", response.status())
        .set("reason", response.message())
        .set("protocol", response.protocol())
        .set("headers", HeadersJson.toJson(response.headers()).toString())
        .set("request", HeadersJson.toJson(response.request()).toString())
        .set("history", response.history().isEmpty() ? null : history(response.history()))
        .set("request_sent_at", response.requestSentAt().toString())
        .set("created_at", response.createdAt().toString())
        .set("expires", response.expires().map(Instant::toString).orElse(null))
        .set("variant_generation", response.variantGeneration().orElse(null))
        .set("body_crc32c", StoredBodies.crc32c(body));
    setBody(row, body, response.headers().get(CONTENT_TYPE));
    return row;
  }

  private void setBody(Row row, ByteString body, String contentType) {
    if (body.size() == 0) {
      row.set("body_encoding", BodyForm.EMPTY.columnValue()).set("body", null);
      return;
    }
    if (body.size() > compressAbove) {
      byte[] compressed = StoredBodies.gzip(body);
      if (compressed.length < body.size()) {
        row.set("body_encoding", BodyForm.GZIP.columnValue()).set("body", compressed);
        return;
      }
    }
    Optional<String> text = StoredBodies.exactText(body, contentType);
    row.set("body_encoding", (text.isPresent() ? BodyForm.TEXT : BodyForm.BINARY).columnValue())
        .set("body", text.isPresent() ? text.get() : body.toByteArray());
  }

  private static String history(List<RedirectHop> hops) {
    ArrayNode list = HeadersJson.JSON.createArrayNode();
    for (RedirectHop hop : hops) {
      list.addObject().put("url", hop.url()).put("status", hop.status());
    }
    return list.toString();
  }

  @Override
  public CachedResponse read(ResultSet r, int first) throws SQLException {
    int c = first;
    if (r.getInt(c + 15) != Columns.FORMAT) {
      throw new IllegalArgumentException("row format " + r.getString(c + 15)
          + " is not supported (expected " + Columns.FORMAT + ")");
    }
    if (r.getLong(c + 17) > maxBodyBytes || r.getLong(c + 18) > MAX_METADATA_CHARS) {
      throw new IllegalArgumentException("row holds a body of " + r.getLong(c + 17)
          + " or metadata of " + r.getLong(c + 18) + " characters, more than stored ever are");
    }
    Headers headers = HeadersJson.headers(required(r.getString(c + 5), "headers"), "headers");
    ByteString body = body(r, c, headers.get(CONTENT_TYPE));
    StoredBodies.verifyCrc32c(body, crc(r, c + 14));
    String url = required(r.getString(c), "url");
    return CachedResponse.builder()
        .url(url)
        .method(required(r.getString(c + 1), "method"))
        .status(r.getInt(c + 2))
        .message(r.getString(c + 3))
        .protocol(r.getString(c + 4))
        .headers(headers)
        .body(body)
        .request(HeadersJson.request(required(r.getString(c + 6), "request")))
        .history(history(r.getString(c + 7)))
        .requestSentAt(SortableTime.parse(r.getString(c + 8), "request_sent_at"))
        .createdAt(SortableTime.parse(r.getString(c + 9), "created_at"))
        .expires(optionalInstant(r.getString(c + 10), "expires"))
        .variantGeneration(r.getString(c + 11))
        .build();
  }

  private ByteString body(ResultSet r, int c, String contentType) throws SQLException {
    BodyForm form = BodyForm.of(r.getString(c + 12), r.getString(c + 16));
    return switch (form) {
      case EMPTY -> ByteString.EMPTY;
      case TEXT -> text(r, c + 13, contentType);
      case BINARY -> ByteString.of(r.getBytes(c + 13));
      case GZIP -> StoredBodies.gunzip(new ByteArrayInputStream(r.getBytes(c + 13)),
          maxBodyBytes);
    };
  }

  /**
   * A TEXT body: SQLite keeps text as UTF-8, so a UTF-8 body is its stored bytes as they are
   * (no decoding into a String and encoding back); another charset is encoded from the text.
   */
  private static ByteString text(ResultSet r, int column, String contentType)
      throws SQLException {
    MediaType type = StoredBodies.mediaType(contentType);
    if (StoredBodies.charsetOf(type).equals(StandardCharsets.UTF_8)) {
      return ByteString.of(r.getBytes(column));
    }
    return StoredBodies.fromText(r.getString(column), contentType);
  }

  private static long crc(ResultSet r, int column) throws SQLException {
    long crc = r.getLong(column);
    if (r.wasNull() || crc < 0 || crc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("column body_crc32c is missing or out of range");
    }
    return crc;
  }

  private static List<RedirectHop> history(String text) {
    if (text == null) {
      return List.of();
    }
    JsonNode list = json(text, "history");
    if (!list.isArray()) {
      throw new IllegalArgumentException("column history must hold a JSON array");
    }
    List<RedirectHop> hops = new ArrayList<>(list.size());
    for (JsonNode hop : list) {
      JsonNode status = hop.get("status");
      if (status == null || !status.isInt()) {
        throw new IllegalArgumentException("a hop in column history has no integer status");
      }
      hops.add(new RedirectHop(text(hop, "url"), status.intValue()));
    }
    return hops;
  }

  private static JsonNode json(String text, String column) {
    try {
      return HeadersJson.JSON.readTree(required(text, column));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("column " + column + " is not valid JSON", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field " + field + " is missing or not a string");
    }
    return value.textValue();
  }

  private static String required(String value, String column) {
    if (value == null) {
      throw new IllegalArgumentException("column " + column + " is missing");
    }
    return value;
  }

  private static Instant optionalInstant(String text, String column) {
    return text == null ? null : SortableTime.parse(text, column);
  }
}
