package dev.cachedhttp.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP origin on a free loopback port that answers JSON after a fixed delay, standing in
 * for a slow remote API. {@code /users/N} returns a user, {@code /old/N} redirects to it.
 */
public final class LocalOrigin implements AutoCloseable {
  private final HttpServer server;
  private final Duration latency;
  private final AtomicInteger requests = new AtomicInteger();

  private LocalOrigin(HttpServer server, Duration latency) {
    this.server = server;
    this.latency = latency;
  }

  /** Starts an origin on a free port that takes {@code latency} to answer each request. */
  public static LocalOrigin start(Duration latency) throws IOException {
    return start(latency, 0);
  }

  /**
   * Starts an origin on loopback port {@code port} (0 for a free one): a cache file written by
   * an earlier run serves the same URLs only from an origin on the same port.
   *
   * @throws java.net.BindException when the port is taken
   */
  public static LocalOrigin start(Duration latency, int port) throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    LocalOrigin origin = new LocalOrigin(server, latency);
    server.createContext("/", origin::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return origin;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort();
  }

  /** The number of requests the origin has answered. */
  public int requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String path = exchange.getRequestURI().getPath();
    if (path.startsWith("/old/")) {
      exchange.getResponseHeaders().add("Location", "/users/" + path.substring(5));
      exchange.sendResponseHeaders(301, -1);
      exchange.close();
      return;
    }
    String id = path.substring(path.lastIndexOf('/') + 1);
    String json = "{\"id\":\"" + id.replaceAll("[^A-Za-z0-9_-]", "") + "\",\"name\":\"User "
        + id.replaceAll("[^A-Za-z0-9_-]", "") + "\",\"roles\":[\"reader\",\"writer\"],"
        + "\"profile\":{\"active\":true,\"score\":4.5}}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(json.hashCode()) + "\"");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
