package dev.cachedhttp.testkit;

import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import dev.cachedhttp.spi.StoredRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;

/**
 * A table of hostile stored documents (what an attacker with write access to a cache table, or a
 * buggy backend, could store) and the check that a call answered in their presence is well
 * formed. Backend tests plant each document and call through a {@code CachedClient}: every call
 * must succeed with the origin's answer or a well-formed cached one.
 */
public final class HostileDocuments {
  private HostileDocuments() {}

  /** A valid stored 200 for {@code url} with a 6-byte body, fresh or stale at {@code now}. */
  public static CachedResponse.Builder base(HttpUrl url, Instant now, boolean fresh) {
    return CachedResponse.builder()
        .url(url.toString())
        .method("GET")
        .status(200)
        .message("OK")
        .headers(Headers.of("Content-Type", "text/plain", "Content-Length", "6"))
        .body(ByteString.encodeUtf8("cached"))
        .createdAt(now.minusSeconds(10))
        .expires(fresh ? now.plusSeconds(60) : now.minusSeconds(1));
  }

  /** Headers built without OkHttp's value checks, as a backend may hand them over. */
  public static Headers unsafe(String... namesAndValues) {
    Headers.Builder headers = new Headers.Builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.addUnsafeNonAscii(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers.build();
  }

  /** The hostile variants of a stored document for {@code url}, by name. */
  public static Map<String, UnaryOperator<CachedResponse.Builder>> table(HttpUrl url) {
    Map<String, UnaryOperator<CachedResponse.Builder>> table = new LinkedHashMap<>();
    table.put("etag with CR", b -> b.headers(unsafe("ETag", "\"a\rb\"")));
    table.put("etag with NUL", b -> b.headers(unsafe("ETag", "\"a\u0000b\"")));
    table.put("etag with obs-text", b -> b.headers(unsafe("ETag", "\"caf\u00e9\"")));
    table.put("last-modified with LF", b -> b.headers(
        unsafe("Last-Modified", "Tue, 01 Dec 2026 00:00:00 GMT\nX: y")));
    table.put("last-modified non-ascii", b -> b.headers(
        unsafe("Last-Modified", "Tue, 01 D\u00e9c 2026 00:00:00 GMT")));
    table.put("header with CRLF", b -> b.headers(
        unsafe("X-Note", "a\r\nSet-Cookie: stolen=1", "Content-Type", "text/plain")));
    table.put("header with NUL", b -> b.headers(unsafe("X-Note", "a\u0000b")));
    table.put("header with DEL", b -> b.headers(unsafe("X-Note", "a\u007fb")));
    table.put("header beyond latin-1", b -> b.headers(unsafe("X-Note", "\u4e2d\u6587")));
    table.put("created at Instant.MAX", b -> b.createdAt(Instant.MAX));
    table.put("created at Instant.MIN", b -> b.createdAt(Instant.MIN));
    table.put("expires at Instant.MAX", b -> b.expires(Instant.MAX));
    table.put("expires at Instant.MIN", b -> b.expires(Instant.MIN));
    table.put("request sent at Instant.MAX", b -> b.requestSentAt(Instant.MAX));
    table.put("content-length too large", b -> b.headers(unsafe("Content-Length", "999")));
    table.put("content-length too small", b -> b.headers(unsafe("Content-Length", "1")));
    table.put("content-length garbage", b -> b.headers(unsafe("Content-Length", "six")));
    table.put("content-length negative", b -> b.headers(unsafe("Content-Length", "-6")));
    table.put("partial past its body", b -> b.status(206).headers(unsafe("Content-Range",
        "bytes 0-99/100", "Content-Length", "6", "ETag", "\"o\"")));
    table.put("partial reversed", b -> b.status(206).headers(unsafe("Content-Range",
        "bytes 5-2/6", "Content-Length", "6")));
    table.put("partial without content-range", b -> b.status(206));
    table.put("partial of a huge whole", b -> b.status(206).headers(unsafe("Content-Range",
        "bytes 0-5/9223372036854775807", "Content-Length", "6", "ETag", "\"o\"")));
    table.put("partial of an unknown whole", b -> b.status(206).headers(unsafe("Content-Range",
        "bytes 0-5/*", "Content-Length", "6")));
    table.put("partial overflowing", b -> b.status(206).headers(unsafe("Content-Range",
        "bytes 9223372036854775806-9223372036854775807/9223372036854775807",
        "Content-Length", "6", "ETag", "\"o\"")));
    table.put("status 100", b -> b.status(100));
    table.put("status 101", b -> b.status(101));
    table.put("status 599", b -> b.status(599));
    table.put("age overflowing", b -> b.headers(unsafe("Age", "99999999999999999999999")));
    table.put("age negative", b -> b.headers(unsafe("Age", "-5")));
    table.put("date garbage", b -> b.headers(unsafe("Date", "yesterday-ish")));
    table.put("date far future", b -> b.headers(unsafe("Date", "Fri, 31 Dec 9999 23:59:59 GMT")));
    table.put("max-age overflowing", b -> b.headers(
        unsafe("Cache-Control", "max-age=99999999999999999999999999")));
    table.put("expires header garbage", b -> b.headers(unsafe("Expires", "\u0001never")));
    table.put("vary star", b -> b.headers(unsafe("Vary", "*")));
    table.put("vary without generation", b -> b.headers(unsafe("Vary", "Accept, X-Odd")));
    table.put("vary odd names", b -> b.headers(unsafe("Vary", ",,, ,\t")));
    table.put("message with CRLF", b -> b.message("OK\r\nX-Injected: 1"));
    table.put("protocol unknown", b -> b.protocol("gopher/0.1"));
    table.put("method with CRLF", b -> b.method("GET\r\n"));
    table.put("url garbage", b -> b.url("not a url\u0000"));
    table.put("history with CR", b -> b.history(List.of(new RedirectHop("http://a/\r", 302))));
    table.put("content-type garbage", b -> b.headers(unsafe("Content-Type", "%%%/;;;=")));
    table.put("content-range on 200", b -> b.headers(unsafe("Content-Range", "bytes 9-1/2")));
    table.put("stored request header with CR", b -> b.request(new StoredRequest("GET",
        url.toString(), unsafe("Accept", "a\rb"))));
    table.put("variant generation junk", b -> b.variantGeneration("\u0000")
        .headers(unsafe("Vary", "Accept")));
    table.put("huge header count", b -> {
      Headers.Builder many = new Headers.Builder();
      for (int i = 0; i < 5_000; i++) {
        many.add("X-" + i, "v");
      }
      return b.headers(many.build());
    });
    return table;
  }

  /** Requests for {@code url} that take every path of the cache: ranges, conditions, options. */
  public static List<Request> requests(HttpUrl url) {
    Request plain = new Request.Builder().url(url).build();
    return List.of(plain,
        plain.newBuilder().header("Range", "bytes=0-2").build(),
        plain.newBuilder().header("If-None-Match", "\"a\"").build(),
        plain.newBuilder().header("If-Modified-Since", "Tue, 01 Dec 2026 00:00:00 GMT").build(),
        plain.newBuilder().header("Accept", "text/plain").build(),
        plain.newBuilder().tag(CacheOptions.class, CacheOptions.builder().refresh().build())
            .build(),
        plain.newBuilder().tag(CacheOptions.class,
            CacheOptions.builder().expireAfter(Duration.ofDays(365_000)).build()).build());
  }

  /**
   * Makes the call; returns what went wrong (it threw, or the answer is malformed: a status
   * outside 200 to 599, a header value or reason phrase with control characters, a {@code
   * Content-Length} that is not the body's length), or null when the answer is well formed.
   */
  public static String problemWith(OkHttpClient client, Request request) {
    try (Response response = client.newCall(request).execute()) {
      byte[] body = response.body().bytes();
      if (response.code() < 200 || response.code() > 599) {
        return "status " + response.code();
      }
      for (int i = 0; i < response.headers().size(); i++) {
        if (!fieldText(response.headers().value(i))) {
          return "header " + response.headers().name(i) + " is not field text";
        }
      }
      if (!fieldText(response.message())) {
        return "reason phrase is not field text";
      }
      String length = response.header("Content-Length");
      boolean bodiless = response.code() == 304 || response.code() == 204
          || "HEAD".equals(request.method());
      if (length != null && !bodiless && !length.equals(Integer.toString(body.length))) {
        return "Content-Length " + length + " but " + body.length + " bytes";
      }
      return null;
    } catch (Exception | AssertionError failure) {
      return "threw " + failure;
    }
  }

  private static boolean fieldText(String text) {
    return text.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
  }
}
