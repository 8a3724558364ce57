package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a stored partial response for a GET of the whole representation (RFC 9111 section
 * 3.4): the request asks the origin only for the bytes the stored 206 lacks ({@code Range:
 * bytes=N-}, with {@code If-Range} when the stored response has a strong entity tag). The two
 * parts are combined into one 200 only when the answer is the 206 of exactly those bytes and both
 * carry the same strong entity tag, which proves they are parts of one representation; the
 * combined response takes the answer's header fields but {@code Content-Range} (section 3.4).
 * Any other 206 (no strong validator, another one, other bytes) is discarded and the request is
 * sent again as the caller made it, so the caller never gets a partial or a mixed body; a 416
 * is discarded the same way; any other answer (a 200, an error) is the caller's as it came.
 * Thread-safe.
 */
final class PartialCompletion {
  private static final Logger LOG = LoggerFactory.getLogger(PartialCompletion.class);

  private static final Set<String> NOT_COMBINED = Set.of("content-range", "content-length", "age");

  private PartialCompletion() {}

  /** The request for the bytes {@code partial} lacks, sent instead of {@code whole}. */
  static Request request(Request whole, CachedResponse partial) {
    PartialContent.Span held = PartialContent.held(partial).orElseThrow();
    Request.Builder rest = whole.newBuilder().header("Range", "bytes=" + (held.last() + 1) + "-");
    String etag = partial.headers().get("ETag");
    if (strong(etag) && ResponseMapper.sendable(etag)) {
      rest.header("If-Range", etag.trim());
    }
    return rest.build();
  }

  /**
   * The answer to {@code whole} made of {@code answer}, the origin's answer to {@link #request}:
   * the combined 200, the answer itself, or the origin's answer to {@code whole} sent again.
   */
  static Response finish(Interceptor.Chain chain, Request whole, CachedResponse partial,
      Response answer) throws IOException {
    if (answer.code() != 206 && answer.code() != 416) {
      return answer;
    }
    Response combined = null;
    try {
      combined = answer.code() == 206 ? combined(partial, answer) : null;
    } catch (RuntimeException bug) { // a bug or a hostile stored partial: ask for the whole
      LOG.warn("cache failed combining a stored partial response of {}; the whole is asked for",
          whole.url().redact(), bug);
    }
    if (combined != null) {
      return combined;
    }
    answer.close();
    return chain.proceed(whole);
  }

  /** {@code partial} and the 206 {@code answer} as one 200, or null when they may not combine. */
  private static Response combined(CachedResponse partial, Response answer) throws IOException {
    PartialContent.Span held = PartialContent.held(partial).orElseThrow();
    PartialContent.Span rest = PartialContent.contentRange(answer.header("Content-Range"))
        .orElse(null);
    String etag = partial.headers().get("ETag");
    boolean sameRepresentation = strong(etag) && etag.trim().equals(trimmed(answer.header("ETag")));
    if (rest == null || !sameRepresentation || rest.first() != held.last() + 1
        || rest.complete() != held.complete() || rest.last() != held.complete() - 1) {
      return null;
    }
    ByteString tail = exactly(answer.body().source(), rest.length());
    if (tail == null) {
      return null;
    }
    answer.body().close();
    ByteString whole = new Buffer().write(partial.body()).write(tail).readByteString();
    return answer.newBuilder()
        .code(200)
        .message("OK")
        .headers(combinedHeaders(partial.headers(), answer.headers(), whole.size()))
        .body(ResponseBody.create(whole, answer.body().contentType()))
        .build();
  }

  /** The stored fields not in the answer, then the answer's, but for the ranges' own fields. */
  private static Headers combinedHeaders(Headers stored, Headers answer, long length) {
    Headers update = ResponseMapper.withoutHopByHop(answer);
    Headers.Builder merged = new Headers.Builder();
    for (int i = 0; i < stored.size(); i++) {
      String name = stored.name(i);
      if (update.get(name) == null && !NOT_COMBINED.contains(name.toLowerCase(Locale.ROOT))) {
        merged.addUnsafeNonAscii(name, stored.value(i));
      }
    }
    for (int i = 0; i < update.size(); i++) {
      String name = update.name(i);
      if (!NOT_COMBINED.contains(name.toLowerCase(Locale.ROOT))
          || name.equalsIgnoreCase("age")) {
        merged.addUnsafeNonAscii(name, update.value(i));
      }
    }
    return merged.set("Content-Length", Long.toString(length)).build();
  }

  /** Exactly {@code length} bytes read from {@code source}, or null when it has more or fewer. */
  private static ByteString exactly(BufferedSource source, long length) throws IOException {
    if (source.request(length + 1)) {
      return null;
    }
    ByteString bytes = source.readByteString();
    return bytes.size() == length ? bytes : null;
  }

  /** True for a strong entity tag: a quoted one without the {@code W/} prefix. */
  private static boolean strong(String etag) {
    return etag != null && etag.trim().startsWith("\"");
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }
}
