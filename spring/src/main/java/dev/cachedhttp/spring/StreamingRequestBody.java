package dev.cachedhttp.spring;

import java.io.IOException;
import java.io.OutputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.springframework.http.StreamingHttpOutputMessage;

/**
 * A Spring request body written straight to OkHttp's sink as Spring writes it: nothing is
 * buffered here. One-shot unless Spring says the body can be written again, so the cache never
 * reads a one-shot body for its key (such a request bypasses the cache).
 */
final class StreamingRequestBody extends RequestBody {
  private final StreamingHttpOutputMessage.Body body;
  private final MediaType contentType;
  private final long contentLength;

  StreamingRequestBody(StreamingHttpOutputMessage.Body body, String contentType,
      long contentLength) {
    this.body = body;
    this.contentType = contentType == null ? null : MediaType.parse(contentType);
    this.contentLength = contentLength;
  }

  @Override
  public MediaType contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return contentLength;
  }

  @Override
  public boolean isOneShot() {
    return !body.repeatable();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    OutputStream out = sink.outputStream();
    body.writeTo(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      /** Spring's writers may close the stream; the sink belongs to OkHttp, so only flush. */
      @Override
      public void close() throws IOException {
        out.flush();
      }
    });
  }
}
