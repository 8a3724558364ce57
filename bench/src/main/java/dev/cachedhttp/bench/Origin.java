package dev.cachedhttp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.ByteString;

/**
 * A MockWebServer on loopback that answers every GET with the same JSON body, fresh for an hour
 * ({@code Cache-Control: max-age=3600}), so both caches under test store and serve it. A request
 * for {@code /redirect/N/...} is answered with a 302 to {@code /redirect/N-1/...}, down to the
 * body at {@code /redirect/0/...}. A request for {@code /json/N...} is answered with an API-like
 * JSON body of exactly N bytes ({@link Bodies#json}) instead, so one origin serves every size.
 *
 * <p>Accepted sockets have {@code TCP_NODELAY} set: MockWebServer writes the head and the body of
 * a response separately, and without it Nagle's algorithm meets the client's delayed ACK and
 * small responses take about 40 ms on Linux loopback, which measures the kernel, not a client.
 */
public final class Origin implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final MockResponse ok;
  private final Map<Integer, MockResponse> sized = new ConcurrentHashMap<>();

  private Origin(ByteString body) {
    this.ok = json(body);
  }

  private static MockResponse json(ByteString body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("Cache-Control", "max-age=3600")
        .body(new Buffer().write(body))
        .build();
  }

  /** Starts an origin serving {@code body} on a free loopback port. */
  public static Origin start(ByteString body) {
    Origin origin = new Origin(body);
    origin.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return origin.answer(request.getUrl().encodedPath());
      }
    });
    origin.server.setServerSocketFactory(new NoDelayServerSocketFactory());
    try {
      origin.server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the origin", e);
    }
    return origin;
  }

  private MockResponse answer(String path) {
    if (path.startsWith("/json/")) {
      return sized.computeIfAbsent(Integer.parseInt(path.substring("/json/".length())),
          size -> json(Bodies.json(size)));
    }
    if (!path.startsWith("/redirect/")) {
      return ok;
    }
    String rest = path.substring("/redirect/".length());
    int slash = rest.indexOf('/');
    int hops = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
    if (hops == 0) {
      return ok;
    }
    String tail = slash < 0 ? "" : rest.substring(slash);
    return new MockResponse.Builder()
        .code(302)
        .addHeader("Location", "/redirect/" + (hops - 1) + tail)
        .build();
  }

  /** Server sockets whose accepted sockets have {@code TCP_NODELAY} set. */
  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = new Socket();
          implAccept(socket);
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
  }

  /** The URL of {@code path} on this origin. */
  public HttpUrl url(String path) {
    return server.url(path);
  }

  /** How many requests reached the origin. */
  public int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }
}
