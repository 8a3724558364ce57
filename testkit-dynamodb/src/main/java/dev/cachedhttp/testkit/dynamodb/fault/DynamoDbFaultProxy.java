package dev.cachedhttp.testkit.dynamodb.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port that speaks HTTP/1.1 between the AWS SDK and DynamoDB (Local)
 * and injects {@link Fault}s into chosen requests: latency, throttling and 500 answers with the
 * JSON error bodies DynamoDB sends, connection resets, hangs, garbage answers and damaged items
 * (both with a correct {@code x-amz-crc32}, so the SDK's checksum check passes and the cache's
 * own checks are what is tested). Point a client at {@link #endpoint()}; change the {@link
 * FaultPlan} at any time with {@link #plan(FaultPlan)}, for example once per phase of a test.
 *
 * <p>Every client connection gets a thread and its own upstream connection, kept alive like the
 * client's. Thread-safe. {@link #close()} stops it and closes every connection, hanging ones
 * included.
 */
public final class DynamoDbFaultProxy implements AutoCloseable {
  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private volatile FaultPlan plan = FaultPlan.healthy();
  private volatile boolean closed;

  private DynamoDbFaultProxy(URI upstream, ServerSocket server) {
    this.upstream = upstream;
    this.server = server;
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "dynamodb-fault-proxy-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    threads.execute(this::accept);
  }

  /**
   * Starts a proxy in front of {@code upstream} (an {@code http} endpoint such as {@code
   * DynamoDbLocal.endpoint()}), healthy until a plan says otherwise.
   *
   * @throws UncheckedIOException when no loopback port can be opened
   */
  public static DynamoDbFaultProxy start(URI upstream) {
    Objects.requireNonNull(upstream, "upstream");
    if (!"http".equals(upstream.getScheme()) || upstream.getPort() < 0) {
      throw new IllegalArgumentException("upstream must be http://host:port but was " + upstream);
    }
    try {
      return new DynamoDbFaultProxy(upstream,
          new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the fault proxy's port", e);
    }
  }

  /** The address to give the SDK client as its endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on every request gets the fault {@code plan} chooses. */
  public DynamoDbFaultProxy plan(FaultPlan plan) {
    this.plan = Objects.requireNonNull(plan, "plan");
    return this;
  }

  /** Requests received so far. */
  public long requests() {
    return requests.get();
  }

  /** Requests that got a fault other than {@link Fault.Kind#NONE} so far. */
  public long faultsInjected() {
    return injected.get();
  }

  /** The fault for the next request of {@code operation}, counted. */
  Fault next(String operation) {
    Fault fault = plan.faultFor(operation, requests.getAndIncrement());
    if (fault.kind() != Fault.Kind.NONE) {
      injected.incrementAndGet();
    }
    return fault;
  }

  /** A new connection to the upstream, tracked so that {@link #close()} closes it. */
  Socket connectUpstream() throws IOException {
    Socket socket = new Socket(upstream.getHost(), upstream.getPort());
    socket.setTcpNoDelay(true);
    return track(socket);
  }

  /** Tracks {@code socket} until {@link #forget}. */
  Socket track(Socket socket) {
    open.add(socket);
    if (closed) {
      closeQuietly(socket);
    }
    return socket;
  }

  /** Closes and forgets {@code socket}. */
  void forget(Socket socket) {
    if (socket != null) {
      open.remove(socket);
      closeQuietly(socket);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        client.setTcpNoDelay(true);
        threads.execute(new ProxyConnection(this, track(client)));
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  /** Stops accepting and closes every connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket socket : open) {
      forget(socket);
    }
    threads.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  @Override
  public String toString() {
    return "DynamoDbFaultProxy{" + endpoint() + " -> " + upstream + "}";
  }
}
