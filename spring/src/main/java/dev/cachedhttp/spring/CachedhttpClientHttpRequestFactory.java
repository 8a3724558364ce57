package dev.cachedhttp.spring;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import okhttp3.OkHttpClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A Spring {@link ClientHttpRequestFactory} that sends {@code RestClient} and {@code RestTemplate}
 * calls through a {@link CachedClient}, so they are cached like any OkHttp call:
 *
 * <pre>{@code
 * RestClient rest = RestClient.builder()
 *     .requestFactory(new CachedhttpClientHttpRequestFactory(cached))
 *     .baseUrl("https://api.example.com")
 *     .build();
 * }</pre>
 *
 * <p>Request bodies stream: a body Spring writes with {@code setBody} (what {@code RestClient}
 * and {@code RestTemplate} do) goes to the socket as it is written, with its {@code
 * Content-Length} when Spring knows it and chunked otherwise; a body that cannot be written twice
 * is never buffered for the cache key, so such a request bypasses the cache. Response bodies
 * stream from the cache or the network. Every method is sent as it is, headers included; Spring's
 * interceptors, error handlers and message converters work as with any factory.
 *
 * <p>Per-request options: put {@link dev.cachedhttp.CacheOptions} in the request attribute
 * {@link CachedhttpAttributes#CACHE_OPTIONS}; read what the cache did with {@link
 * #cacheInfo(ClientHttpResponse)} or the attribute {@link CachedhttpAttributes#CACHE_INFO}.
 *
 * <p>Timeouts (connect, read, write, whole call) are the OkHttp client's unless set here; the
 * setters follow Spring's factories, so Spring Boot's {@code ClientHttpRequestFactoryBuilder}
 * can set them. Thread-safe: setters may be called while requests run (each request uses the
 * client configured when it was created). Closing the factory is the {@link CachedClient}'s
 * owner's business: this factory holds no resources of its own beyond the OkHttp client.
 */
public final class CachedhttpClientHttpRequestFactory implements ClientHttpRequestFactory {
  private volatile OkHttpClient client;

  /**
   * A factory over {@code cached}'s own client ({@link CachedClient#client()}).
   *
   * @throws NullPointerException when {@code cached} is null
   */
  public CachedhttpClientHttpRequestFactory(CachedClient cached) {
    Objects.requireNonNull(cached, "cached");
    this.client = cached.client();
  }

  /**
   * A factory over {@code client} with {@code cached}'s interceptor added after the client's
   * application interceptors ({@link CachedClient#client(OkHttpClient)}): its connection pool,
   * dispatcher, authenticator, proxies and timeouts are kept.
   *
   * @throws NullPointerException when an argument is null
   */
  public CachedhttpClientHttpRequestFactory(CachedClient cached, OkHttpClient client) {
    Objects.requireNonNull(cached, "cached");
    this.client = cached.client(Objects.requireNonNull(client, "client"));
  }

  /**
   * Sets the connect timeout of every request created from now on; {@link Duration#ZERO} means
   * none. Default: the OkHttp client's (10 seconds for a default client).
   *
   * @throws IllegalArgumentException when negative
   */
  public void setConnectTimeout(Duration timeout) {
    timeout("connectTimeout", timeout, (builder, millis) ->
        builder.connectTimeout(millis, TimeUnit.MILLISECONDS));
  }

  /**
   * Sets the read timeout (the longest pause between two reads of the response) of every request
   * created from now on; {@link Duration#ZERO} means none. Default: the OkHttp client's.
   *
   * @throws IllegalArgumentException when negative
   */
  public void setReadTimeout(Duration timeout) {
    timeout("readTimeout", timeout, (builder, millis) ->
        builder.readTimeout(millis, TimeUnit.MILLISECONDS));
  }

  /**
   * Sets the write timeout (the longest pause between two writes of the request) of every request
   * created from now on; {@link Duration#ZERO} means none. Default: the OkHttp client's.
   *
   * @throws IllegalArgumentException when negative
   */
  public void setWriteTimeout(Duration timeout) {
    timeout("writeTimeout", timeout, (builder, millis) ->
        builder.writeTimeout(millis, TimeUnit.MILLISECONDS));
  }

  /**
   * Sets the timeout of a whole call (connect, send, wait, read the whole response) of every
   * request created from now on; {@link Duration#ZERO} means none. Default: the OkHttp client's
   * (none for a default client).
   *
   * @throws IllegalArgumentException when negative
   */
  public void setCallTimeout(Duration timeout) {
    timeout("callTimeout", timeout, (builder, millis) ->
        builder.callTimeout(millis, TimeUnit.MILLISECONDS));
  }

  /** The OkHttp client requests created now are sent with. */
  public OkHttpClient client() {
    return client;
  }

  /**
   * Creates a request; nothing is sent until it is executed.
   *
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code uri} is not an absolute http or https URI
   */
  @Override
  public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(httpMethod, "httpMethod");
    return new CachedhttpClientHttpRequest(client, uri, httpMethod);
  }

  /**
   * Returns what the cache did for {@code response}, when it is a response of this factory (as
   * seen by a {@code ClientHttpRequestInterceptor} or a {@code RestTemplate} response
   * extractor); empty for any other response. {@code RestClient} wraps responses before its
   * {@code exchange} functions see them: there, use {@link CachedhttpAttributes#CACHE_INFO}.
   */
  public static Optional<CacheInfo> cacheInfo(ClientHttpResponse response) {
    Objects.requireNonNull(response, "response");
    return response instanceof CachedhttpClientHttpResponse cached
        ? cached.cacheInfo() : Optional.empty();
  }

  private synchronized void reconfigure(
      java.util.function.UnaryOperator<OkHttpClient.Builder> change) {
    client = change.apply(client.newBuilder()).build();
  }

  private void timeout(String name, Duration timeout,
      BiFunction<OkHttpClient.Builder, Long, OkHttpClient.Builder> setter) {
    long millis = Checks.nonNegative(name, timeout).toMillis();
    reconfigure(builder -> setter.apply(builder, millis));
  }

  @Override
  public String toString() {
    return "CachedhttpClientHttpRequestFactory{connectTimeout=" + client.connectTimeoutMillis()
        + "ms, readTimeout=" + client.readTimeoutMillis() + "ms}";
  }
}
