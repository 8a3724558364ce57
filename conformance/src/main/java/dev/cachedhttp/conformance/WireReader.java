package dev.cachedhttp.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/** Reads the parts of an HTTP/1.1 message from a stream, every part bounded in size. */
final class WireReader {
  /** Longest request line or header line accepted. */
  static final int MAX_LINE_BYTES = 64 * 1024;
  /** Most header lines accepted in one message. */
  static final int MAX_HEADER_LINES = 256;
  /** Largest request body accepted (the suite's bodies are a few bytes). */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final InputStream in;

  WireReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads one line without its CRLF (a bare LF also ends a line), or returns null at the end of
   * the stream before any byte.
   */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new ProtocolException("line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
    if (line.size() == 0) {
      return null;
    }
    throw new EOFException("stream ended inside a line");
  }

  /** Reads header lines up to the empty line, keeping their order, case and repetitions. */
  Headers readHeaders() throws IOException {
    Headers.Builder headers = new Headers.Builder();
    for (int count = 0; ; count++) {
      String line = readLine();
      if (line == null) {
        throw new EOFException("stream ended inside the header section");
      }
      if (line.isEmpty()) {
        return headers.build();
      }
      if (count == MAX_HEADER_LINES) {
        throw new ProtocolException("more than " + MAX_HEADER_LINES + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("malformed header line: " + line);
      }
      headers.addUnsafeNonAscii(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
  }

  /** Reads exactly {@code length} body bytes. */
  byte[] readFixed(long length) throws IOException {
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new ProtocolException("unsupported body length " + length);
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length != length) {
      throw new EOFException("body ended after " + body.length + " of " + length + " bytes");
    }
    return body;
  }

  /** Reads a chunked body (RFC 9112 §7.1), dropping chunk extensions and trailers. */
  byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      if (sizeLine == null) {
        throw new EOFException("stream ended before the last chunk");
      }
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad chunk size: " + sizeLine);
      }
      if (size == 0) {
        readHeaders();
        return body.toByteArray();
      }
      if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
        throw new ProtocolException("chunked body larger than " + MAX_BODY_BYTES + " bytes");
      }
      body.write(readFixed(size));
      String end = readLine();
      if (end == null || !end.isEmpty()) {
        throw new ProtocolException("chunk not followed by CRLF");
      }
    }
  }
}
