package dev.cachedhttp.internal;

import dev.cachedhttp.CacheListener.NotStoredReason;
import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a storable miss on its way to the caller: the caller reads the origin's bytes as
 * they arrive, and each is also kept in a copy (sharing okio's segments where it can, so the copy
 * is the only extra memory) until the body is complete, when the copy is handed to {@code store}.
 *
 * <p>Complete means: the origin's source ended, or the body reached its declared {@code
 * Content-Length} (a reader may stop there without asking for the end). It is not stored when the
 * copy passes {@code limit} mid-stream (copying stops at once, the caller still gets every byte:
 * {@link NotStoredReason#TOO_LARGE}), when the origin's source fails, or when the body ends short
 * of its declared length ({@link NotStoredReason#INCOMPLETE}). A caller that closes the body
 * before its end: the rest is read and kept for at most {@value #DRAIN_MILLIS} ms (as OkHttp's own
 * cache does), and stored if it ends in that time; otherwise nothing is stored. {@link #done()}
 * completes exactly once, with what {@code store} did or why nothing was stored; it never fails.
 *
 * <p>Read by one thread at a time, like every {@link ResponseBody}.
 */
final class TeeBody extends ResponseBody {
  private static final Logger LOG = LoggerFactory.getLogger(TeeBody.class);

  /** How long closing an unfinished body may spend reading its rest so it can be stored. */
  static final long DRAIN_MILLIS = 100;

  /** The most the drain reads at once: one okio segment. */
  private static final long DRAIN_READ_BYTES = 8192;

  /** What became of a streamed body: the document stored, or why none was (one is null). */
  record Stored(CachedResponse document, NotStoredReason notStored) {}

  private final ResponseBody origin;
  private final long declaredLength;
  private final long limit;
  private final Function<ByteString, Stored> store;
  private final CompletableFuture<Stored> done = new CompletableFuture<>();
  private final Source tee = new Tee();
  private final BufferedSource source = Okio.buffer(tee);
  private Buffer copy = new Buffer();

  /**
   * Tees {@code origin}.
   *
   * @param declaredLength the length the response declares ({@code Content-Length}), or -1
   * @param limit the largest body kept for the store
   * @param store stores a complete body; runs on the reading thread; a runtime failure means
   *     {@link NotStoredReason#CACHE_ERROR}
   */
  TeeBody(ResponseBody origin, long declaredLength, long limit,
      Function<ByteString, Stored> store) {
    this.origin = origin;
    this.declaredLength = declaredLength;
    this.limit = limit;
    this.store = store;
  }

  /** Completes once, when the body was stored or it is settled that it will not be. */
  CompletableFuture<Stored> done() {
    return done;
  }

  /** True once the complete body was stored. */
  boolean stored() {
    Stored stored = done.getNow(null);
    return stored != null && stored.document() != null;
  }

  @Override
  public MediaType contentType() {
    return origin.contentType();
  }

  @Override
  public long contentLength() {
    return origin.contentLength();
  }

  @Override
  public BufferedSource source() {
    return source;
  }

  /** Keeps the {@code count} bytes just read into the end of {@code sink}. */
  private void keep(Buffer sink, long count) {
    if (copy == null) {
      return;
    }
    if (copy.size() + count > limit) {
      copy = null;
      end(NotStoredReason.TOO_LARGE);
      return;
    }
    sink.copyTo(copy, sink.size() - count, count);
    if (copy.size() == declaredLength) {
      end(null);
    }
  }

  /** Settles the body once: stores the copy when {@code reason} is null, else says why not. */
  private void end(NotStoredReason reason) {
    if (done.isDone()) {
      return;
    }
    Buffer body = copy;
    copy = null;
    Stored result;
    if (reason != null) {
      result = new Stored(null, reason);
    } else if (body == null || declaredLength >= 0 && body.size() != declaredLength) {
      result = new Stored(null, NotStoredReason.INCOMPLETE);
    } else {
      try {
        result = store.apply(body.snapshot());
      } catch (RuntimeException bug) {
        LOG.warn("cache failed storing a streamed response; it was served unstored", bug);
        result = new Stored(null, NotStoredReason.CACHE_ERROR);
      }
    }
    done.complete(result);
  }

  /** Reads the rest of an unfinished body, bounded in time, so that it can still be stored. */
  private void drain() {
    Timeout timeout = origin.source().timeout();
    boolean hadDeadline = timeout.hasDeadline();
    long deadline = hadDeadline ? timeout.deadlineNanoTime() : 0;
    long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    timeout.deadlineNanoTime(hadDeadline && deadline - drainDeadline < 0 ? deadline
        : drainDeadline);
    try {
      Buffer discarded = new Buffer();
      while (!done.isDone() && tee.read(discarded, DRAIN_READ_BYTES) != -1) {
        discarded.clear();
      }
    } catch (IOException | RuntimeException gaveUp) {
      LOG.debug("closed before its end, the rest of a body could not be read in time", gaveUp);
    } finally {
      if (hadDeadline) {
        timeout.deadlineNanoTime(deadline);
      } else {
        timeout.clearDeadline();
      }
    }
  }

  private final class Tee implements Source {
    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long read;
      try {
        read = origin.source().read(sink, byteCount);
      } catch (IOException | RuntimeException failure) {
        end(NotStoredReason.INCOMPLETE);
        throw failure;
      }
      if (read == -1) {
        end(null);
      } else {
        keep(sink, read);
      }
      return read;
    }

    @Override
    public Timeout timeout() {
      return origin.source().timeout();
    }

    @Override
    public void close() throws IOException {
      try {
        if (!done.isDone()) {
          drain();
        }
      } finally {
        end(NotStoredReason.INCOMPLETE);
        origin.close();
      }
    }
  }
}
