package dev.cachedhttp.conformance;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;

/**
 * One request as the client wrote it: method, request target, version, header lines in their
 * order, and the body bytes (de-chunked; empty when there was none).
 */
record RawRequest(String method, String target, String version, Headers headers, byte[] body,
    boolean hasBody) {

  /** Reads the next request, or returns null when the client closed the connection between requests. */
  static RawRequest read(WireReader reader) throws IOException {
    String requestLine = reader.readLine();
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = reader.readLine(); // RFC 9112 §2.2: ignore empty lines before a request
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || !parts[2].startsWith("HTTP/1.")) {
      throw new ProtocolException("malformed request line: " + requestLine);
    }
    Headers headers = reader.readHeaders();
    String transferEncoding = headers.get("Transfer-Encoding");
    String contentLength = headers.get("Content-Length");
    if (transferEncoding != null) {
      if (!transferEncoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
        throw new ProtocolException("unsupported Transfer-Encoding: " + transferEncoding);
      }
      return new RawRequest(parts[0], parts[1], parts[2], headers, reader.readChunked(), true);
    }
    if (contentLength != null) {
      long length;
      try {
        length = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad Content-Length: " + contentLength);
      }
      return new RawRequest(parts[0], parts[1], parts[2], headers, reader.readFixed(length), true);
    }
    return new RawRequest(parts[0], parts[1], parts[2], headers, new byte[0], false);
  }

  /** Whether the client asked to close the connection after this exchange. */
  boolean wantsClose() {
    Set<String> tokens = ConnectionTokens.of(headers);
    boolean http10 = "HTTP/1.0".equals(version);
    return tokens.contains("close") || (http10 && !tokens.contains("keep-alive"));
  }
}
