package dev.cachedhttp.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one client request through the subject's OkHttp client to the origin and writes the
 * answer back, changing only what describes the client's own connection to the proxy.
 */
final class Relay {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  /**
   * Request headers that describe the client-to-proxy hop (RFC 9110 §7.6.1) or that OkHttp sets
   * from the URL and body; headers named in {@code Connection} are dropped as well.
   */
  private static final Set<String> HOP_HEADERS = Set.of("connection", "keep-alive",
      "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
      "content-length", "proxy-authorization", "expect");
  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH",
      "REPORT");
  private static final Set<String> BODY_FORBIDDEN = Set.of("GET", "HEAD");

  /** Exchanges slower than this are logged: the suite's origin answers at once. */
  static final long SLOW_EXCHANGE_MILLIS = 5_000;

  private final OkHttpClient client;
  private final String origin;

  /**
   * @param client the subject's client, shared by every request of the run
   * @param origin where origin-form request targets go, as {@code http://host:port}
   */
  Relay(OkHttpClient client, String origin) {
    this.client = client;
    this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
  }

  /**
   * Carries out one exchange; returns whether the client connection may serve another request.
   * When the call fails (the origin closed the connection, timed out) the client gets a 502 Bad
   * Gateway, as from any forward proxy (RFC 9110 section 15.6.3), and the connection is closed.
   */
  boolean exchange(RawRequest raw, OutputStream out) throws IOException {
    Request request;
    try {
      request = toOkHttp(raw);
    } catch (IllegalArgumentException | ProtocolException e) {
      ResponseWriter.writeProxyError(out, 400, e.getMessage());
      return false;
    }
    Call call = client.newCall(request);
    long started = System.nanoTime();
    try (Response response = call.execute()) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (millis >= SLOW_EXCHANGE_MILLIS) {
        LOG.info("{} {} took {} ms (Test-ID {}, Req-Num {})", raw.method(), raw.target(), millis,
            raw.headers().get("Test-ID"), raw.headers().get("Req-Num"));
      }
      return ResponseWriter.write(response, raw.method(), out) && !raw.wantsClose();
    } catch (IOException e) {
      LOG.info("{} {} failed, answering 502: {}", raw.method(), raw.target(), e.toString());
      ResponseWriter.writeProxyError(out, 502, "the call through the cache failed: " + e);
      return false;
    }
  }

  /** The OkHttp request for {@code raw}: same method, target, end-to-end headers and body bytes. */
  Request toOkHttp(RawRequest raw) throws ProtocolException {
    Headers clientHeaders = raw.headers();
    Set<String> dropped = new HashSet<>(HOP_HEADERS);
    dropped.addAll(ConnectionTokens.of(clientHeaders));
    Headers.Builder headers = new Headers.Builder();
    for (int i = 0; i < clientHeaders.size(); i++) {
      if (!dropped.contains(clientHeaders.name(i).toLowerCase(Locale.ROOT))) {
        headers.addUnsafeNonAscii(clientHeaders.name(i), clientHeaders.value(i));
      }
    }
    return new Request.Builder()
        .url(url(raw.target()))
        .headers(headers.build())
        .method(raw.method(), body(raw))
        .tag(ClientHeaders.Sent.class, ClientHeaders.Sent.of(clientHeaders))
        .build();
  }

  private HttpUrl url(String target) throws ProtocolException {
    HttpUrl url = target.startsWith("/") ? HttpUrl.parse(origin + target) : HttpUrl.parse(target);
    if (url == null) {
      throw new ProtocolException("unsupported request target: " + target);
    }
    return url;
  }

  private static RequestBody body(RawRequest raw) {
    String method = raw.method().toUpperCase(Locale.ROOT);
    if (BODY_FORBIDDEN.contains(method)) {
      return null;
    }
    if (!raw.hasBody() && !BODY_REQUIRED.contains(method)) {
      return null;
    }
    String type = raw.headers().get("Content-Type");
    return RequestBody.create(raw.body(), type == null ? null : MediaType.parse(type));
  }
}
