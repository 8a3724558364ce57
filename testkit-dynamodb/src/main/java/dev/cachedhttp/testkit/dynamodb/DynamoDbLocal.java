package dev.cachedhttp.testkit.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
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
 * {@link #shared()} returns one server per JVM that stops when the JVM exits. Clients made by
 * {@link #clientBuilder()} use the dummy credentials {@value #ACCESS_KEY_ID} / {@value
 * #SECRET_ACCESS_KEY} and region {@value #REGION}. Thread-safe.
 */
public final class DynamoDbLocal implements AutoCloseable {
  /** The region clients of this server are configured with. */
  public static final String REGION = "us-east-1";

  /** The dummy access key id clients of this server use. */
  public static final String ACCESS_KEY_ID = "local";

  /** The dummy secret access key clients of this server use. */
  public static final String SECRET_ACCESS_KEY = "local";

  private static final int START_ATTEMPTS = 5;
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
      int port = freePort();
      try {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
            "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        DynamoDbLocal local = new DynamoDbLocal(server, port);
        local.client.listTables();
        return local;
      } catch (Exception e) {
        last = e; // most likely the port was taken between probing and binding: try another
      }
    }
    throw new IllegalStateException("could not start DynamoDB Local after " + START_ATTEMPTS
        + " attempts", last);
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
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop DynamoDB Local on port " + port, e);
    }
  }

  @Override
  public String toString() {
    return "DynamoDbLocal{" + endpoint() + (isRunning() ? "" : ", stopped") + "}";
  }
}
