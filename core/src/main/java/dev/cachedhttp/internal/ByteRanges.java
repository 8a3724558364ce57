package dev.cachedhttp.internal;

import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.ByteString;

/**
 * Answers a {@code Range} request from a stored complete 200 (RFC 9110 section 14): one
 * satisfiable byte range becomes a 206 with {@code Content-Range}; a range that starts past the
 * end becomes a 416; several ranges, other units or a malformed header leave the full 200, which
 * a server may always send instead. Pure; thread-safe.
 */
final class ByteRanges {
  private static final String PREFIX = "bytes=";

  private ByteRanges() {}

  /** Rewrites {@code builder}, which holds the full 200 with {@code body}, for {@code range}. */
  static void apply(String range, ByteString body, MediaType mediaType, Response.Builder builder) {
    long[] bounds = single(range, body.size());
    if (bounds == null) {
      return;
    }
    long size = body.size();
    if (bounds.length == 0) {
      builder.code(416).message("Range Not Satisfiable")
          .header("Content-Range", "bytes */" + size)
          .removeHeader("Content-Length")
          .body(ResponseBody.create(ByteString.EMPTY, mediaType));
      return;
    }
    int first = (int) bounds[0];
    int last = (int) bounds[1];
    builder.code(206).message("Partial Content")
        .header("Content-Range", "bytes " + first + "-" + last + "/" + size)
        .header("Content-Length", Integer.toString(last - first + 1))
        .body(ResponseBody.create(body.substring(first, last + 1), mediaType));
  }

  /**
   * The first and last byte that the {@code Range} header value {@code range} asks of a
   * representation of {@code size} bytes: an empty array when it cannot be satisfied, null when
   * it is not one well-formed byte range.
   */
  static long[] single(String range, long size) {
    String spec = range.trim();
    if (!spec.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || spec.indexOf(',') >= 0) {
      return null;
    }
    return bounds(spec.substring(PREFIX.length()).trim(), size);
  }

  /**
   * The first and last byte of the range, an empty array when it cannot be satisfied, or null
   * when the range is malformed.
   */
  private static long[] bounds(String spec, long size) {
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    long first = digits(spec.substring(0, dash).trim());
    long last = digits(spec.substring(dash + 1).trim());
    if (first == -1) {
      if (last <= 0) {
        return last == 0 ? new long[0] : null;
      }
      return size == 0 ? new long[0] : new long[] {Math.max(0, size - last), size - 1};
    }
    if (last != -1 && last < first) {
      return null;
    }
    if (first >= size) {
      return new long[0];
    }
    return new long[] {first, last == -1 ? size - 1 : Math.min(last, size - 1)};
  }

  /** The non-negative number {@code text} spells, or -1 when it is empty or not digits. */
  static long digits(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(text);
  }
}
