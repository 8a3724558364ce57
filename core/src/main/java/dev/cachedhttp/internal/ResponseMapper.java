package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import dev.cachedhttp.spi.StoredRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.ByteString;

/**
 * Converts between OkHttp responses and stored documents, redacting on the way in and tagging
 * {@link CacheInfo} on the way out. Thread-safe.
 */
public final class ResponseMapper {
  /** Headers a 304 must not change in the stored response (RFC 9111 section 3.2). */
  private static final Set<String> KEPT_ON_304 = Set.of(
      "content-length", "content-encoding", "transfer-encoding", "content-type",
      "content-range", "trailer");

  /** Most distinct Content-Type values whose parsed form is kept; then the memo starts over. */
  private static final int MAX_MEMOIZED_MEDIA_TYPES = 256;

  private final Redactor redactor;
  private final ParseMemo<MediaType> mediaTypes =
      new ParseMemo<>(MediaType::parse, MAX_MEMOIZED_MEDIA_TYPES);

  /** Creates a mapper that redacts with {@code redactor}. */
  public ResponseMapper(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Builds the response served from {@code cached} for {@code request}, tagged with {@code info}. */
  public Response toResponse(CachedResponse cached, Request request, CacheInfo info,
      Instant now) {
    MediaType mediaType = mediaTypes.get(cached.headers().get("Content-Type"));
    long millis = now.toEpochMilli();
    return new Response.Builder()
        .request(tagged(request, info))
        .protocol(protocol(cached.protocol()))
        .code(cached.status())
        .message(cached.message())
        .headers(cached.headers())
        .body(ResponseBody.create(cached.body(), mediaType))
        .sentRequestAtMillis(millis)
        .receivedResponseAtMillis(millis)
        .build();
  }

  /** Returns {@code response} with {@code info} tagged on its request. */
  public Response tag(Response response, CacheInfo info) {
    return response.newBuilder().request(tagged(response.request(), info)).build();
  }

  /** The synthetic 504 answer to an only-if-cached request that the cache cannot satisfy. */
  public Response unsatisfiable(Request request, CacheInfo info, Instant now) {
    long millis = now.toEpochMilli();
    return new Response.Builder()
        .request(tagged(request, info))
        .protocol(Protocol.HTTP_1_1)
        .code(504)
        .message("Unsatisfiable Request (only-if-cached)")
        .body(ResponseBody.create(ByteString.EMPTY, null))
        .sentRequestAtMillis(millis)
        .receivedResponseAtMillis(millis)
        .build();
  }

  private static Request tagged(Request request, CacheInfo info) {
    return request.newBuilder().tag(CacheInfo.class, info).build();
  }

  private static Protocol protocol(String name) {
    try {
      return Protocol.get(name);
    } catch (IOException unknown) {
      return Protocol.HTTP_1_1;
    }
  }

  /** Returns a copy of {@code request} asking the origin to revalidate {@code cached}. */
  public Request conditional(Request request, CachedResponse cached) {
    Request.Builder builder = request.newBuilder();
    String etag = cached.headers().get("ETag");
    if (etag != null) {
      builder.header("If-None-Match", etag);
    }
    String lastModified = cached.headers().get("Last-Modified");
    if (lastModified != null) {
      builder.header("If-Modified-Since", lastModified);
    }
    return builder.build();
  }

  /**
   * Builds the stored document for a network response to {@code original}, with its decoded
   * {@code body}; everything is redacted and the redirect history recorded.
   */
  public CachedResponse toDocument(Request original, Response response, ByteString body,
      Instant sentAt, Instant receivedAt, Instant expires) {
    Request finalRequest = response.request();
    return CachedResponse.builder()
        .url(redactor.url(finalRequest.url()))
        .method(original.method().toUpperCase(Locale.ROOT))
        .status(response.code())
        .message(response.message())
        .protocol(response.protocol().toString())
        .headers(redactor.responseHeaders(response.headers(), finalRequest.url()))
        .body(body)
        .request(new StoredRequest(original.method().toUpperCase(Locale.ROOT),
            redactor.url(original.url()), redactor.requestHeaders(original.headers())))
        .requestSentAt(sentAt)
        .createdAt(receivedAt)
        .expires(expires)
        .history(history(response))
        .build();
  }

  private List<RedirectHop> history(Response response) {
    List<RedirectHop> hops = new ArrayList<>();
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      hops.add(new RedirectHop(redactor.url(prior.request().url()), prior.code()));
    }
    Collections.reverse(hops);
    return hops;
  }

  /** Returns the requests of every earlier hop of a redirected response, and the final one. */
  public static List<Request> hopRequests(Response response) {
    List<Request> requests = new ArrayList<>();
    requests.add(response.request());
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      requests.add(prior.request());
    }
    return requests;
  }

  /**
   * Returns {@code cached} refreshed by a 304: its headers updated with those of the 304 (except
   * those describing the body), new times and expiry, same body.
   */
  public CachedResponse refreshed(CachedResponse cached, Response notModified, Instant sentAt,
      Instant receivedAt, Instant expires) {
    Headers update = redactor.responseHeaders(notModified.headers(),
        notModified.request().url());
    Headers.Builder merged = new Headers.Builder();
    Headers stored = cached.headers();
    for (int i = 0; i < stored.size(); i++) {
      String name = stored.name(i);
      if (KEPT_ON_304.contains(name.toLowerCase(Locale.ROOT)) || update.get(name) == null) {
        merged.addUnsafeNonAscii(name, stored.value(i));
      }
    }
    for (int i = 0; i < update.size(); i++) {
      String name = update.name(i);
      if (!KEPT_ON_304.contains(name.toLowerCase(Locale.ROOT))) {
        merged.addUnsafeNonAscii(name, update.value(i));
      }
    }
    return cached.toBuilder()
        .headers(merged.build())
        .requestSentAt(sentAt)
        .createdAt(receivedAt)
        .expires(expires)
        .build();
  }
}
