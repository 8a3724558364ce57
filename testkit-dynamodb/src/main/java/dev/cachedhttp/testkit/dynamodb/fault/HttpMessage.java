package dev.cachedhttp.testkit.dynamodb.fault;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * One HTTP/1.1 request or response as the proxy sees it: the start line, the header lines and
 * the whole body (read by {@code Content-Length} or chunked, always written with {@code
 * Content-Length}). Not thread-safe.
 */
final class HttpMessage {
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 32 << 20;

  private final String startLine;
  private final List<String[]> headers;
  private byte[] body;

  HttpMessage(String startLine, List<String[]> headers, byte[] body) {
    this.startLine = startLine;
    this.headers = new ArrayList<>(headers);
    this.body = body;
  }

  /** Reads one message; null when the stream ends before its first byte. */
  static HttpMessage read(InputStream in) throws IOException {
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    String[] lines = head.split("\r\n");
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {lines[i].substring(0, colon).trim(),
            lines[i].substring(colon + 1).trim()});
      }
    }
    HttpMessage message = new HttpMessage(lines[0], headers, new byte[0]);
    message.body = message.readBody(in);
    return message;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last = 0;
    while (last != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new EOFException("stream ended inside an HTTP head");
      }
      head.write(b);
      last = (last << 8) | b;
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("HTTP head longer than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private byte[] readBody(InputStream in) throws IOException {
    if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
      removeHeader("Transfer-Encoding");
      return readChunked(in);
    }
    String length = header("Content-Length");
    int size = length == null ? 0 : Integer.parseInt(length);
    if (size < 0 || size > MAX_BODY_BYTES) {
      throw new IOException("unexpected Content-Length " + length);
    }
    return in.readNBytes(size);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt(semicolon < 0 ? sizeLine.trim()
          : sizeLine.substring(0, semicolon).trim(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          continue;
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY_BYTES) {
        throw new IOException("chunked body larger than " + MAX_BODY_BYTES + " bytes");
      }
      body.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("stream ended inside a chunked body");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** A response with {@code status}, a JSON content type, the body and its {@code x-amz-crc32}. */
  static HttpMessage response(int status, String reason, byte[] body) {
    HttpMessage message = new HttpMessage("HTTP/1.1 " + status + " " + reason, List.of(), body);
    message.setHeader("Content-Type", "application/x-amz-json-1.0");
    message.setHeader("x-amzn-RequestId", "fault-proxy");
    message.withBody(body);
    return message;
  }

  String startLine() {
    return startLine;
  }

  /** The status code of a response. */
  int status() {
    return Integer.parseInt(startLine.split(" ")[1]);
  }

  byte[] body() {
    return body;
  }

  /** Replaces the body, updating {@code x-amz-crc32} to match it. */
  void withBody(byte[] newBody) {
    this.body = newBody;
    CRC32 crc = new CRC32();
    crc.update(newBody);
    setHeader("x-amz-crc32", Long.toString(crc.getValue()));
  }

  /** The first value of header {@code name} (any case), or null. */
  String header(String name) {
    for (String[] header : headers) {
      if (header[0].equalsIgnoreCase(name)) {
        return header[1];
      }
    }
    return null;
  }

  void setHeader(String name, String value) {
    removeHeader(name);
    headers.add(new String[] {name, value});
  }

  private void removeHeader(String name) {
    headers.removeIf(header -> header[0].equalsIgnoreCase(name));
  }

  /** True when the sender will close the connection after this message. */
  boolean closes() {
    String connection = header("Connection");
    return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
  }

  /** Writes the message with a {@code Content-Length} header. */
  void write(OutputStream out) throws IOException {
    setHeader("Content-Length", Integer.toString(body.length));
    StringBuilder head = new StringBuilder(startLine).append("\r\n");
    for (String[] header : headers) {
      head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }
}
