package dev.cachedhttp.spring;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * One request of {@link CachedhttpClientHttpRequestFactory}: Spring's headers and streamed body
 * turned into an OkHttp call through the cache. Not thread-safe (as Spring's requests are not).
 */
final class CachedhttpClientHttpRequest extends AbstractStreamingClientHttpRequest {
  /** The methods OkHttp refuses to send without a body; Spring may send them without one. */
  private static final Set<String> NEEDS_BODY = Set.of("POST", "PUT", "PATCH", "PROPPATCH",
      "REPORT");

  private final OkHttpClient client;
  private final URI uri;
  private final HttpMethod method;

  CachedhttpClientHttpRequest(OkHttpClient client, URI uri, HttpMethod method) {
    this.client = client;
    this.uri = uri;
    this.method = method;
  }

  @Override
  public HttpMethod getMethod() {
    return method;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  protected ClientHttpResponse executeInternal(HttpHeaders headers, Body body)
      throws IOException {
    CacheOptions options =
        CachedhttpAttributes.options(getAttributes().get(CachedhttpAttributes.CACHE_OPTIONS));
    AtomicReference<CacheInfo> infoHolder =
        CachedhttpAttributes.infoHolder(getAttributes().get(CachedhttpAttributes.CACHE_INFO));
    Request request = new Request.Builder()
        .url(url(uri))
        .headers(okHttpHeaders(headers))
        .method(method.name(), requestBody(headers, body))
        .tag(CacheOptions.class, options)
        .build();
    Response response = client.newCall(request).execute();
    if (infoHolder != null) {
      CacheInfo.find(response).ifPresent(infoHolder::set);
    }
    return new CachedhttpClientHttpResponse(response);
  }

  private static HttpUrl url(URI uri) {
    HttpUrl url = HttpUrl.parse(uri.toString());
    if (url == null) {
      throw new IllegalArgumentException("not an absolute http or https URI: " + uri);
    }
    return url;
  }

  /** Spring's headers but the framing ones, which OkHttp sets from the body. */
  private static Headers okHttpHeaders(HttpHeaders headers) {
    Headers.Builder builder = new Headers.Builder();
    headers.forEach((name, values) -> {
      if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
          && !name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING)) {
        values.forEach(value -> builder.addUnsafeNonAscii(name, value));
      }
    });
    return builder.build();
  }

  private RequestBody requestBody(HttpHeaders headers, Body body) {
    if (body != null) {
      return new StreamingRequestBody(body, headers.getFirst(HttpHeaders.CONTENT_TYPE),
          headers.getContentLength());
    }
    return NEEDS_BODY.contains(method.name()) ? RequestBody.create(new byte[0]) : null;
  }
}
