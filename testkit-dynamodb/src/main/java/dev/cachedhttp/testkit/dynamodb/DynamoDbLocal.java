package dev.cachedhttp.testkit.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * An in-process DynamoDB Local server on a free loopback port, for tests, examples and
 * benchmarks: no AWS account, no Docker.
 *
 * <p>The server runs in memory with one shared database ({@code -inMemory -sharedDb
 * -disableTelemetry}), so every client sees the same tables whatever its credentials and
 * region. {@link #start()} starts a private server that the caller stops with {@link #close()};
 * {@link #start(int)} does the same on a given port; {@link #shared()} returns one server per
 * JVM that stops when the JVM exits. Clients made by {@link #clientBuilder()} use the dummy
 * credentials {@value #ACCESS_KEY_ID} / {@value #SECRET_ACCESS_KEY} and region {@value
 * #REGION}. {@link #close()} also ends DynamoDB Local's background jobs (its TTL deleter sleeps
 * in a thread that would otherwise keep the JVM alive for up to half a minute), so a program
 * ends when it is done. Thread-safe.
 *
 * <p>{@link #main(String[])} runs one as a command, for trying the library and the
 * {@code cachedhttp} CLI by hand: {@code bin/dynamodb-local --port 8000}.
 */
public final class DynamoDbLocal implements AutoCloseable {
  /** The region clients of this server are configured with. */
  public static final String REGION = "us-east-1";

  /** The dummy access key id clients of this server use. */
  public static final String ACCESS_KEY_ID = "local";

  /** The dummy secret access key clients of this server use. */
  public static final String SECRET_ACCESS_KEY = "local";

  /** The port {@link #main(String[])} listens on unless told otherwise: DynamoDB Local's 8000. */
  public static final int DEFAULT_PORT = 8000;

  private static final int START_ATTEMPTS = 5;
  private static final String JOBS_PACKAGE = "software.amazon.dynamodb.services.local.shared.jobs.";
  private static final Set<DynamoDbLocal> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
  private static DynamoDbLocal shared;

  private final DynamoDBProxyServer server;
  private final int port;
  private final DynamoDbClient client;
  private boolean stopped;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
    this.client = clientBuilder().build();
  }

  /**
   * Starts a new server on a free loopback port and returns once it accepts requests.
   *
   * @throws IllegalStateException when the server cannot be started
   */
  public static DynamoDbLocal start() {
    Exception last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOn(freePort());
      } catch (Exception e) {
        last = e; // most likely the port was taken between probing and binding: try another
      }
    }
    throw new IllegalStateException("could not start DynamoDB Local after " + START_ATTEMPTS
        + " attempts", last);
  }

  /**
   * Starts a new server on {@code port} and returns once it accepts requests.
   *
   * @throws IllegalArgumentException when {@code port} is not between 1 and 65535
   * @throws IllegalStateException when the server cannot be started, for example because the
   *     port is in use
   */
  public static DynamoDbLocal start(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535 but was " + port);
    }
    try {
      return startOn(port);
    } catch (Exception e) {
      throw new IllegalStateException("could not start DynamoDB Local on port " + port
          + " (is the port in use?): " + e, e);
    }
  }

  private static DynamoDbLocal startOn(int port) throws Exception {
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
        "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
    server.start();
    DynamoDbLocal local = new DynamoDbLocal(server, port);
    try {
      local.client.listTables();
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
    RUNNING.add(local);
    return local;
  }

  /**
   * Runs DynamoDB Local in memory until the JVM is stopped (Ctrl-C): {@code --port N} (default
   * {@value #DEFAULT_PORT}). Prints the endpoint and the settings clients need.
   *
   * @param args {@code [--port N]}
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = CommandLine.port(args, DEFAULT_PORT);
    } catch (IllegalArgumentException e) {
      System.err.println("dynamodb-local: " + e.getMessage());
      System.err.println("usage: dynamodb-local [--port N]   (default " + DEFAULT_PORT + ")");
      System.exit(2);
      return;
    }
    DynamoDbLocal local;
    try {
      local = start(port);
    } catch (IllegalStateException e) {
      System.err.println("dynamodb-local: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      local.close();
      stopped.countDown();
    }, "dynamodb-local-stop"));
    System.out.println(CommandLine.banner(port));
    stopped.await();
  }
  /**
   * Returns the server shared by everything in this JVM, starting it on first use; it stops when
   * the JVM exits. Do not {@link #close()} it.
   */
  public static synchronized DynamoDbLocal shared() {
    if (shared == null) {
      DynamoDbLocal local = start();
      Runtime.getRuntime().addShutdownHook(new Thread(local::close, "dynamodb-local-stop"));
      shared = local;
    }
    return shared;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port", e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** The endpoint to pass to {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The region clients of this server use: {@value #REGION}. */
  public Region region() {
    return Region.of(REGION);
  }

  /** Static dummy credentials; DynamoDB Local accepts any. */
  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /**
   * Returns a client builder preset with this server's endpoint, region, dummy credentials and
   * the URL-connection HTTP client; callers may add to it (for example execution interceptors)
   * and own the client they build.
   */
  public DynamoDbClientBuilder clientBuilder() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.apiCallTimeout(CLIENT_TIMEOUT));
  }

  /** A ready client owned by this server; it is closed by {@link #close()}. */
  public DynamoDbClient client() {
    return client;
  }

  /** Returns true until {@link #close()} has been called. */
  public synchronized boolean isRunning() {
    return !stopped;
  }

  /**
   * Stops the server and closes {@link #client()}; calling it again does nothing.
   *
   * @throws IllegalStateException when the server fails to stop
   */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    RUNNING.remove(this);
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop DynamoDB Local on port " + port, e);
    }
    if (RUNNING.isEmpty()) {
      endSleepingJobs();
    }
  }

  /**
   * Wakes DynamoDB Local's background jobs (the TTL deleter sleeps between scans in a non-daemon
   * thread; {@code stop()} only asks the jobs to end after their sleep). Done only when no other
   * server of this JVM runs, since the threads do not say which server they belong to.
   */
  private static void endSleepingJobs() {
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      boolean job = Arrays.stream(stack)
          .anyMatch(frame -> frame.getClassName().startsWith(JOBS_PACKAGE));
      if (job && !thread.isDaemon()) {
        thread.interrupt();
      }
    });
  }

  @Override
  public String toString() {
    return "DynamoDbLocal{" + endpoint() + (isRunning() ? "" : ", stopped") + "}";
  }
}
