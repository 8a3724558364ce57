package dev.cachedhttp.conformance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on the loopback interface that hands each request to a {@link Relay}:
 * one thread per connection, at most {@link #MAX_CONNECTIONS} at once.
 */
final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

  /** Most client connections served at once; more are closed at once. */
  static final int MAX_CONNECTIONS = 256;
  /** How long an idle client connection is kept open. */
  static final int IDLE_TIMEOUT_MILLIS = 30_000;

  private final Relay relay;
  private final ServerSocket serverSocket;
  private final ThreadPoolExecutor connections;
  private final Thread acceptor;

  /** Binds to {@code port} on the loopback address (0 picks a free port) and starts serving. */
  ProxyServer(Relay relay, int port) throws IOException {
    this.relay = relay;
    this.serverSocket = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
    AtomicInteger threads = new AtomicInteger();
    this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "proxy-connection-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.acceptor = new Thread(this::acceptLoop, "proxy-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the server listens on. */
  int port() {
    return serverSocket.getLocalPort();
  }

  /** The base URL clients send their requests to. */
  String baseUrl() {
    return "http://" + serverSocket.getInetAddress().getHostAddress() + ":" + port();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        LOG.warn("more than {} client connections at once, closing one", MAX_CONNECTIONS);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      WireReader reader = new WireReader(new BufferedInputStream(socket.getInputStream()));
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      boolean open = true;
      while (open) {
        RawRequest request;
        try {
          request = RawRequest.read(reader);
        } catch (ProtocolException e) {
          ResponseWriter.writeProxyError(out, 400, e.getMessage());
          return;
        }
        open = request != null && relay.exchange(request, out);
      }
    } catch (SocketException e) {
      // the client went away or timed out while idle
    } catch (IOException e) {
      LOG.warn("client connection failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
    connections.shutdownNow();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
