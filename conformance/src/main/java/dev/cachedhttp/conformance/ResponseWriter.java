package dev.cachedhttp.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Writes an OkHttp response to the client as HTTP/1.1: the status, every header in its order and
 * case, and the body bytes. Nothing is added; only {@code Transfer-Encoding} (the proxy sends the
 * body whole) is left out, and a body without {@code Content-Length} is delimited by closing the
 * connection.
 */
final class ResponseWriter {
  private ResponseWriter() {
  }

  /**
   * Writes {@code response}, the answer to a {@code method} request; returns whether the response
   * was length-delimited, so the connection can carry another exchange.
   */
  static boolean write(Response response, String method, OutputStream out) throws IOException {
    int code = response.code();
    boolean bodyless = "HEAD".equalsIgnoreCase(method) || code < 200 || code == 204 || code == 304;
    byte[] body = bodyless ? new byte[0] : bytes(response.body());
    Headers headers = response.headers();
    String declared = headers.get("Content-Length");
    boolean delimited = bodyless || declared != null;
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(code).append(' ').append(response.message()).append("\r\n");
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String value = headers.value(i);
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("transfer-encoding")) {
        continue;
      }
      if (lower.equals("content-length") && !bodyless && !value.trim().equals(String.valueOf(body.length))) {
        System.err.println("proxy: " + response.request().url() + " declares Content-Length "
            + value + " but has " + body.length + " body bytes; sending the real length");
        value = String.valueOf(body.length);
      }
      head.append(name).append(": ").append(value).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
    return delimited && !ConnectionTokens.of(headers).contains("close");
  }

  /** Writes a response of the proxy's own, for a request it could not forward. */
  static void writeProxyError(OutputStream out, int code, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + code + " Proxy Error\r\nContent-Type: text/plain\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
  }

  private static byte[] bytes(ResponseBody body) throws IOException {
    return body == null ? new byte[0] : body.bytes();
  }
}
