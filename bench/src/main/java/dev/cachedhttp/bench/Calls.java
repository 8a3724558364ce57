package dev.cachedhttp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** Executes a call and reads its whole body, as every benchmarked call does. */
public final class Calls {
  /** The size of the per-thread buffer bodies are read into. */
  public static final int READ_BUFFER_BYTES = 8192;

  private Calls() {}

  /**
   * Executes {@code request} and reads the body to its end into {@code buffer} (reused by the
   * caller, so the reader allocates nothing per call); returns the body size plus the status, for
   * the benchmark to consume.
   *
   * @throws UncheckedIOException when the call fails
   */
  public static long execute(OkHttpClient client, Request request, byte[] buffer) {
    try (Response response = client.newCall(request).execute()) {
      return drain(response, buffer) + response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(request.url() + " failed", e);
    }
  }

  /** Reads the body of {@code response} to its end into {@code buffer}; returns its size. */
  public static long drain(Response response, byte[] buffer) throws IOException {
    BufferedSource source = response.body().source();
    long total = 0;
    for (int read; (read = source.read(buffer)) != -1; ) {
      total += read;
    }
    return total;
  }
}
