package dev.cachedhttp.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an OkHttp response to the client as HTTP/1.1: the status, every header in its order and
 * case, and the body bytes, framed the way the headers say. Nothing is added or left out: a body
 * under {@code Transfer-Encoding: chunked} is sent as one chunk, one under another transfer coding
 * or without {@code Content-Length} is delimited by closing the connection.
 */
final class ResponseWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private ResponseWriter() {
  }

  /**
   * Writes {@code response}, the answer to a {@code method} request; returns whether the response
   * was delimited by its framing, so the connection can carry another exchange.
   */
  static boolean write(Response response, String method, OutputStream out) throws IOException {
    int code = response.code();
    boolean bodyless = "HEAD".equalsIgnoreCase(method) || code < 200 || code == 204 || code == 304;
    byte[] body = bodyless ? new byte[0] : bytes(response.body());
    Headers headers = response.headers();
    String transferEncoding = headers.get("Transfer-Encoding");
    boolean chunked = transferEncoding != null && lastToken(transferEncoding).equals("chunked");
    boolean delimited = bodyless || chunked
        || (transferEncoding == null && headers.get("Content-Length") != null);
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(code).append(' ').append(response.message()).append("\r\n");
    for (int i = 0; i < headers.size(); i++) {
      String value = headers.value(i);
      if (!bodyless && transferEncoding == null && headers.name(i).equalsIgnoreCase("Content-Length")
          && !value.trim().equals(String.valueOf(body.length))) {
        LOG.warn("{} declares Content-Length {} but has {} body bytes; sending the real length",
            response.request().url(), value, body.length);
        value = String.valueOf(body.length);
      }
      head.append(headers.name(i)).append(": ").append(value).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (chunked && !bodyless) {
      writeChunked(body, out);
    } else {
      out.write(body);
    }
    out.flush();
    return delimited && !ConnectionTokens.of(headers).contains("close");
  }

  private static void writeChunked(byte[] body, OutputStream out) throws IOException {
    if (body.length > 0) {
      out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write(CRLF);
    }
    out.write(LAST_CHUNK);
  }

  private static String lastToken(String list) {
    String[] tokens = list.split(",");
    return tokens[tokens.length - 1].trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Writes a response of the proxy's own: 400 for a request it could not forward, 502 for a call
   * that failed.
   */
  static void writeProxyError(OutputStream out, int code, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    String reason = code == 502 ? "Bad Gateway" : "Bad Request";
    String head = "HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
  }

  private static byte[] bytes(ResponseBody body) throws IOException {
    return body == null ? new byte[0] : body.bytes();
  }
}
