package dev.cachedhttp.testkit.dynamodb.fault;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** One client connection of a {@link DynamoDbFaultProxy}: request by request, fault by fault. */
final class ProxyConnection implements Runnable {
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";

  private final DynamoDbFaultProxy proxy;
  private final Socket client;
  private Socket upstream;
  private InputStream upstreamIn;
  private OutputStream upstreamOut;

  ProxyConnection(DynamoDbFaultProxy proxy, Socket client) {
    this.proxy = proxy;
    this.client = client;
  }

  @Override
  public void run() {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      boolean open = true;
      while (open) {
        HttpMessage request = HttpMessage.read(in);
        open = request != null && serve(request, in, out);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      // the client went away, the upstream failed, or the proxy is closing: drop the connection
    } finally {
      proxy.forget(upstream);
      proxy.forget(client);
    }
  }

  /** Answers one request; false when the connection must end. */
  private boolean serve(HttpMessage request, InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    String operation = operation(request);
    Fault fault = proxy.next(operation);
    switch (fault.kind()) {
      case RESET -> {
        client.setSoLinger(true, 0);
        return false;
      }
      case HANG -> {
        while (in.read() >= 0) {
          continue;
        }
        return false;
      }
      case THROTTLE_PROVISIONED, THROTTLE_RATE, SERVER_ERROR, GARBAGE -> {
        FaultAnswers.madeUp(fault.kind()).write(out);
        return true;
      }
      case LATENCY -> Thread.sleep(fault.latency().toMillis());
      default -> { }
    }
    HttpMessage answer = forward(request);
    if (fault.kind() == Fault.Kind.DAMAGE_ITEMS && FaultPlan.READS.contains(operation)) {
      FaultAnswers.damageItems(answer, FaultAnswers::damageStrings);
    }
    if (fault.kind() == Fault.Kind.DAMAGE_BINARY && FaultPlan.READS.contains(operation)) {
      FaultAnswers.damageItems(answer, FaultAnswers::damageBinary);
    }
    answer.write(out);
    return !request.closes();
  }

  private HttpMessage forward(HttpMessage request) throws IOException {
    if (upstream == null) {
      upstream = proxy.connectUpstream();
      upstreamIn = new BufferedInputStream(upstream.getInputStream());
      upstreamOut = new BufferedOutputStream(upstream.getOutputStream());
    }
    request.write(upstreamOut);
    HttpMessage answer = HttpMessage.read(upstreamIn);
    if (answer == null) {
      throw new IOException("the upstream closed the connection without answering");
    }
    if (answer.closes()) {
      proxy.forget(upstream);
      upstream = null;
    }
    return answer;
  }

  private static String operation(HttpMessage request) {
    String target = request.header("X-Amz-Target");
    if (target == null) {
      return "";
    }
    return target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
  }
}
