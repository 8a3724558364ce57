package dev.cachedhttp.internal;

import java.io.IOException;
import okio.Buffer;
import okio.Sink;
import okio.Timeout;

/**
 * A sink that keeps at most {@code limit} bytes: a write that would pass the limit throws {@link
 * Exceeded} at once, so a body larger than the limit is never held whole. Not thread-safe.
 */
final class LimitedBuffer implements Sink {
  /** Thrown when more than the limit is written. */
  static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded(long limit) {
      super("more than " + limit + " bytes");
    }
  }

  private final Buffer buffer = new Buffer();
  private final long limit;

  LimitedBuffer(long limit) {
    this.limit = limit;
  }

  @Override
  public void write(Buffer source, long byteCount) throws IOException {
    if (buffer.size() + byteCount > limit) {
      throw new Exceeded(limit);
    }
    buffer.write(source, byteCount);
  }

  /** The bytes written so far. */
  byte[] bytes() {
    return buffer.readByteArray();
  }

  @Override
  public void flush() {}

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {}
}
