package dev.cachedhttp.conformance;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Network interceptor that takes back the defaults OkHttp adds to a request ({@code
 * Accept-Encoding: gzip}, {@code User-Agent: okhttp/...}) when the proxied client did not send
 * that header, so the origin sees the client's own request. When the client sends {@code
 * Accept-Encoding}, OkHttp forwards it as it is and neither adds gzip nor decompresses.
 */
final class ClientHeaders implements Interceptor {
  /** Headers OkHttp's bridge adds when a request lacks them and that a client may leave out. */
  static final Set<String> OKHTTP_DEFAULTS = Set.of("accept-encoding", "user-agent");

  /** Request tag: the lower-case names of the headers the proxied client sent. */
  record Sent(Set<String> names) {
    static Sent of(Headers headers) {
      Set<String> names = new TreeSet<>();
      for (String name : headers.names()) {
        names.add(name.toLowerCase(Locale.ROOT));
      }
      return new Sent(Set.copyOf(names));
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Sent sent = request.tag(Sent.class);
    if (sent == null) {
      return chain.proceed(request);
    }
    Request.Builder builder = request.newBuilder();
    for (String name : OKHTTP_DEFAULTS) {
      if (!sent.names().contains(name)) {
        builder.removeHeader(name);
      }
    }
    return chain.proceed(builder.build());
  }
}
