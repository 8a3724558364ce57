package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Response;

/**
 * The {@code Cache-Status} header (RFC 9211) that says what the cache did with a call: {@code
 * hit} with the remaining freshness as {@code ttl} (negative once stale), or {@code fwd} with why
 * the request went to the origin and the origin's status, {@code stored} when the answer was
 * stored (for a body streaming to the caller: when it is being kept, to be written when it ends)
 * and {@code collapsed} when the call shared another call's request. Appended after any
 * {@code Cache-Status} an upstream cache sent, as the RFC orders them. Pure; thread-safe.
 */
final class CacheStatus {
  /** The header name. */
  public static final String HEADER = "Cache-Status";

  /** This cache's name in the header. */
  public static final String CACHE_NAME = "cachedhttp";

  private CacheStatus() {}

  /**
   * Returns {@code response} with this cache's entry for {@code info} appended at {@code now};
   * {@code storing} when its body is kept as it streams, to be stored when it ends.
   */
  public static Response tag(Response response, CacheInfo info, boolean storing, Instant now) {
    return response.newBuilder()
        .addHeader(HEADER, value(info, storing, response.code(), now)).build();
  }

  /**
   * The header value for a call with {@code info} ({@code storing}: its body is being kept as it
   * streams) answered with {@code code} at {@code now}.
   */
  static String value(CacheInfo info, boolean storing, int code, Instant now) {
    StringBuilder out = new StringBuilder(CACHE_NAME);
    switch (info.source()) {
      case CACHE -> {
        ttl(out.append("; hit"), info, now);
        if (info.fromNearCache()) {
          out.append("; detail=near");
        }
      }
      case STALE_WHILE_REVALIDATE ->
          ttl(out.append("; hit"), info, now).append("; detail=stale-while-revalidate");
      case STALE_IF_ERROR ->
          ttl(out.append("; fwd=stale"), info, now).append("; detail=stale-if-error");
      case REVALIDATED -> ttl(out.append("; fwd=stale; fwd-status=304"), info, now);
      case COALESCED -> ttl(out.append("; fwd=miss; collapsed"), info, now);
      case NETWORK -> {
        out.append("; fwd=miss; fwd-status=").append(code);
        if (storing || info.stored()) {
          ttl(out.append("; stored"), info, now);
        }
      }
      case UNSATISFIABLE -> out.append("; fwd=miss; detail=only-if-cached");
      case BYPASS -> out.append("; fwd=request; fwd-status=").append(code);
      default -> throw new IllegalArgumentException("unknown source " + info.source());
    }
    return out.toString();
  }

  private static StringBuilder ttl(StringBuilder out, CacheInfo info, Instant now) {
    info.expires().ifPresent(expires ->
        out.append("; ttl=").append(Duration.between(now, expires).getSeconds()));
    return out;
  }
}
