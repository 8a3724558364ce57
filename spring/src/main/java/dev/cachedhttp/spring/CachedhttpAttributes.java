package dev.cachedhttp.spring;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The request attributes {@link CachedhttpClientHttpRequestFactory} reads, for per-request cache
 * options and for learning what the cache did, from {@code RestClient}:
 *
 * <pre>{@code
 * AtomicReference<CacheInfo> info = new AtomicReference<>();
 * String body = rest.get().uri("/users/1")
 *     .attribute(CachedhttpAttributes.CACHE_OPTIONS, CacheOptions.builder().refresh().build())
 *     .attribute(CachedhttpAttributes.CACHE_INFO, info)
 *     .retrieve().body(String.class);
 * boolean fromCache = info.get().fromCache();
 * }</pre>
 *
 * <p>{@code RestTemplate} has no per-call attributes; set them from a {@code
 * ClientHttpRequestInterceptor} ({@link #optionsInterceptor}) or a {@code RequestCallback}
 * ({@code request.getAttributes().put(CACHE_OPTIONS, options)}): the factory reads the attributes
 * of the request it executes, and Spring copies attributes from intercepted requests to it. An
 * attribute holding another type makes the call throw {@link IllegalArgumentException} naming
 * it, before anything is sent. Not instantiable.
 */
public final class CachedhttpAttributes {
  /** The attribute holding the {@link CacheOptions} of one request; absent means the defaults. */
  public static final String CACHE_OPTIONS = CacheOptions.class.getName();

  /**
   * The attribute holding an {@code AtomicReference<CacheInfo>} the factory sets to what the
   * cache did for the request, once its response headers are in.
   */
  public static final String CACHE_INFO = CacheInfo.class.getName();

  private CachedhttpAttributes() {}

  /**
   * Returns an interceptor that sets the options {@code optionsFor} returns for each request (a
   * {@code null} result leaves the request's options as they are), for {@code RestTemplate}:
   *
   * <pre>{@code
   * restTemplate.getInterceptors().add(CachedhttpAttributes.optionsInterceptor(
   *     request -> request.getURI().getPath().startsWith("/live") ? SKIP : null));
   * }</pre>
   *
   * @throws NullPointerException when {@code optionsFor} is null
   */
  public static ClientHttpRequestInterceptor optionsInterceptor(
      Function<? super HttpRequest, CacheOptions> optionsFor) {
    Objects.requireNonNull(optionsFor, "optionsFor");
    return (request, body, execution) -> {
      CacheOptions options = optionsFor.apply(request);
      if (options != null) {
        request.getAttributes().put(CACHE_OPTIONS, options);
      }
      return execution.execute(request, body);
    };
  }

  /** The options held by {@code value} when it is {@link CacheOptions}; else the defaults. */
  static CacheOptions options(Object value) {
    if (value == null) {
      return CacheOptions.DEFAULT;
    }
    if (value instanceof CacheOptions options) {
      return options;
    }
    throw new IllegalArgumentException("request attribute " + CACHE_OPTIONS + " must be a "
        + "CacheOptions but was a " + value.getClass().getName());
  }

  /** The holder {@code value} is, when it is an {@code AtomicReference}; null when absent. */
  @SuppressWarnings("unchecked")
  static AtomicReference<CacheInfo> infoHolder(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof AtomicReference<?>)) {
      throw new IllegalArgumentException("request attribute " + CACHE_INFO + " must be an "
          + "AtomicReference<CacheInfo> but was a " + value.getClass().getName());
    }
    return (AtomicReference<CacheInfo>) value;
  }
}
