package dev.cachedhttp.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A chain for calling a caching interceptor directly, without OkHttp's call machinery (its
 * dispatcher and timeout bookkeeping): only hits can be answered, anything that would go to the
 * network fails.
 */
final class HitOnlyChain implements Interceptor.Chain {
  private final Request request;

  HitOnlyChain(Request request) {
    this.request = request;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response proceed(Request request) throws IOException {
    throw new IOException("not a hit: " + request.url());
  }

  @Override
  public Connection connection() {
    return null;
  }

  @Override
  public Call call() {
    throw new UnsupportedOperationException("no call outside OkHttp");
  }

  @Override
  public int connectTimeoutMillis() {
    return 0;
  }

  @Override
  public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
    return this;
  }

  @Override
  public int readTimeoutMillis() {
    return 0;
  }

  @Override
  public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
    return this;
  }

  @Override
  public int writeTimeoutMillis() {
    return 0;
  }

  @Override
  public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
    return this;
  }
}
