package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.util.Locale;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Stored partial responses (RFC 9111 sections 3.3 and 3.4): which 206 answers may be stored,
 * which later requests a stored 206 may answer, and how. A 206 to a request for one byte range,
 * with a readable {@code Content-Range} of one range, is stored like any response under the key
 * of its URL. It answers only a request for one byte range without conditions: the same range
 * again (the origin's answer replayed as it came), or a range wholly within the bytes it holds
 * (a 206 of those bytes). It never answers a request for the whole representation; such a
 * request may ask the origin for the rest of it instead ({@link PartialCompletion}). A stored
 * 206 whose body is shorter than its {@code Content-Range} holds only the bytes that came; one
 * whose body is longer, or whose {@code Content-Range} cannot be read, answers nothing. Pure;
 * thread-safe.
 */
final class PartialContent {
  private static final String UNIT = "bytes ";

  /**
   * A byte range of a representation: bytes {@code first} to {@code last}, inclusive, of a
   * representation of {@code complete} bytes (-1 when unknown).
   */
  record Span(long first, long last, long complete) {
    long length() {
      return last - first + 1;
    }
  }

  private PartialContent() {}

  /**
   * The range a {@code Content-Range} value describes ({@code bytes FIRST-LAST/COMPLETE} or
   * {@code bytes FIRST-LAST/*}), or empty when it is not one satisfied byte range.
   */
  static Optional<Span> contentRange(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.trim();
    int dash = text.indexOf('-');
    int slash = text.indexOf('/');
    if (!text.regionMatches(true, 0, UNIT, 0, UNIT.length()) || dash < 0 || slash < dash) {
      return Optional.empty();
    }
    long first = ByteRanges.digits(text.substring(UNIT.length(), dash).trim());
    long last = ByteRanges.digits(text.substring(dash + 1, slash).trim());
    String length = text.substring(slash + 1).trim();
    long complete = length.equals("*") ? -1 : ByteRanges.digits(length);
    boolean known = !length.equals("*");
    if (first < 0 || last < first || known && (complete < 0 || complete <= last)) {
      return Optional.empty();
    }
    return Optional.of(new Span(first, last, complete));
  }

  /**
   * True when {@code response}, a 206 to {@code request}, may be stored as far as ranges go: the
   * request asked for one byte range, the response describes one it encloses, and its {@code
   * Content-Length}, if any, is not longer than that range.
   */
  static boolean storable(Request request, Response response) {
    String range = request.header("Range");
    Optional<Span> span = contentRange(response.header("Content-Range"));
    if (range == null || ByteRanges.single(range, Long.MAX_VALUE) == null || span.isEmpty()) {
      return false;
    }
    String declared = response.header("Content-Length");
    return declared == null || ByteRanges.digits(declared.trim()) >= 0
        && ByteRanges.digits(declared.trim()) <= span.get().length();
  }

  /**
   * The bytes the stored 206 {@code partial} holds: its {@code Content-Range}, shortened to its
   * body when the body is shorter; empty when it is not a 206, the range cannot be read, or the
   * body is empty or longer than the range.
   */
  static Optional<Span> held(CachedResponse partial) {
    if (partial.status() != 206) {
      return Optional.empty();
    }
    long size = partial.body().size();
    return contentRange(partial.headers().get("Content-Range"))
        .filter(span -> size > 0 && size <= span.length())
        .map(span -> new Span(span.first(), span.first() + size - 1, span.complete()));
  }

  /**
   * True when the stored 206 {@code partial} may answer {@code request}: a request for one byte
   * range without conditions, asking the same range as the request it answered, or a range
   * wholly within the bytes it holds.
   */
  static boolean answers(CachedResponse partial, Request request) {
    String range = request.header("Range");
    if (range == null || Conditions.hasConditions(request)) {
      return false;
    }
    Optional<Span> held = held(partial);
    return held.isPresent() && (replays(partial, range) || within(range, held.get()) != null);
  }

  /**
   * True when the stored {@code cached} may be used for {@code request} at all: it is not a 206,
   * or it is one that {@link #answers answers} the request.
   */
  static boolean usableFor(CachedResponse cached, Request request) {
    return cached.status() != 206 || answers(cached, request);
  }

  /**
   * Rewrites {@code builder}, which holds the stored 206 {@code partial} as it came, for the
   * {@code Range} value {@code range}: the same range as the stored request's is served as it
   * came; a smaller one becomes a 206 of those bytes.
   */
  static void apply(String range, CachedResponse partial, MediaType mediaType,
      Response.Builder builder) {
    Optional<Span> held = held(partial);
    if (held.isEmpty() || replays(partial, range)) {
      return;
    }
    Span wanted = within(range, held.get());
    if (wanted == null) {
      return;
    }
    int offset = (int) (wanted.first() - held.get().first());
    String complete = wanted.complete() < 0 ? "*" : Long.toString(wanted.complete());
    builder.header("Content-Range",
            UNIT + wanted.first() + "-" + wanted.last() + "/" + complete)
        .header("Content-Length", Long.toString(wanted.length()))
        .body(ResponseBody.create(
            partial.body().substring(offset, offset + (int) wanted.length()), mediaType));
  }

  /**
   * True when {@code partial} holds the start of a representation whose length it knows and
   * that is not larger than {@code maxBytes}, so a GET of the whole of it can ask the origin for
   * the rest only ({@link PartialCompletion}).
   */
  static boolean completable(CachedResponse partial, Request request, long maxBytes) {
    if (!"GET".equals(request.method()) || request.header("Range") != null
        || Conditions.hasConditions(request)) {
      return false;
    }
    Optional<Span> held = held(partial);
    return held.isPresent() && held.get().first() == 0 && held.get().complete() > 0
        && held.get().last() + 1 < held.get().complete() && held.get().complete() <= maxBytes;
  }

  /** True when {@code range} asks exactly what the request {@code partial} answered asked. */
  private static boolean replays(CachedResponse partial, String range) {
    String asked = partial.request().headers().get("Range");
    return asked != null && compact(asked).equals(compact(range));
  }

  private static String compact(String range) {
    return range.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }

  /** The bytes {@code range} asks, when they lie wholly within {@code held}; else null. */
  private static Span within(String range, Span held) {
    long size = held.complete() < 0 ? Long.MAX_VALUE : held.complete();
    long[] bounds = ByteRanges.single(range, size);
    if (bounds == null || bounds.length == 0 || bounds[0] < held.first()
        || bounds[1] > held.last()) {
      return null;
    }
    return new Span(bounds[0], bounds[1], held.complete());
  }
}
