package dev.cachedhttp.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * Command-line entry point: a forward proxy on the loopback interface that sends every request
 * through one subject's OkHttp client (built once for the whole run) to the suite's origin
 * server.
 *
 * <pre>
 * java dev.cachedhttp.conformance.ConformanceProxy --subject cachedhttp|okhttp|none
 *     --origin http://127.0.0.1:PORT [--port N] [--port-file FILE]
 * </pre>
 *
 * <p>Origin-form request targets ({@code /test/...}) go to {@code --origin}; absolute-form targets
 * go where they say. The proxy runs until the process is stopped.
 */
public final class ConformanceProxy {
  /** Idle connections to the origin kept open: none, so a connection the origin closed is never reused. */
  static final int ORIGIN_IDLE_CONNECTIONS = 0;

  private ConformanceProxy() {
  }

  /**
   * Starts the proxy and waits until the process is stopped.
   *
   * @param args {@code --subject NAME --origin URL [--port N] [--port-file FILE]}
   * @throws IllegalArgumentException for a missing or unknown argument (the message names it)
   * @throws IOException when the port cannot be bound or the port file not written
   * @throws InterruptedException when the waiting main thread is interrupted
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Arguments arguments = Arguments.parse(args);
    Subject.Opened opened = arguments.subject().open(baseClient());
    ProxyServer server = new ProxyServer(new Relay(opened.client(), arguments.origin()),
        arguments.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
        opened.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(ConformanceProxy.class).warn("shutdown failed", e);
      }
      stopped.countDown();
    }));
    if (arguments.portFile() != null) {
      writeAtomically(arguments.portFile(), Integer.toString(server.port()));
    }
    System.out.println("proxy for " + arguments.subject().id() + " (OkHttp " + OkHttp.VERSION
        + ") on " + server.baseUrl() + " -> " + arguments.origin());
    while (!stopped.await(1, TimeUnit.HOURS)) {
      // serve until the process is stopped
    }
  }

  /**
   * The client every subject starts from: it passes redirects back instead of following them,
   * never retries on its own, and opens a fresh connection to the origin for each request.
   */
  static OkHttpClient baseClient() {
    return new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectionPool(new ConnectionPool(ORIGIN_IDLE_CONNECTIONS, 1, TimeUnit.SECONDS))
        .addNetworkInterceptor(new ClientHeaders())
        .build();
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The parsed command line. */
  record Arguments(Subject subject, String origin, int port, Path portFile) {
    static Arguments parse(String[] args) {
      Subject subject = null;
      String origin = null;
      int port = 0;
      Path portFile = null;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + args[i]);
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--subject" -> subject = Subject.named(value);
          case "--origin" -> origin = value;
          case "--port" -> port = port(value);
          case "--port-file" -> portFile = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (subject == null || origin == null) {
        throw new IllegalArgumentException("usage: --subject cachedhttp|okhttp|none"
            + " --origin http://127.0.0.1:PORT [--port N] [--port-file FILE]");
      }
      return new Arguments(subject, origin, port, portFile);
    }

    private static int port(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65_535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("--port must be 0-65535, was " + value);
    }
  }
}
