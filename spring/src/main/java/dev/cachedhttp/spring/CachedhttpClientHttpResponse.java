package dev.cachedhttp.spring;

import dev.cachedhttp.CacheInfo;
import java.io.InputStream;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * An OkHttp response, from the cache or the network, as Spring's {@link ClientHttpResponse}; the
 * body streams from OkHttp. Not thread-safe.
 */
final class CachedhttpClientHttpResponse implements ClientHttpResponse {
  private final Response response;
  private HttpHeaders headers;

  CachedhttpClientHttpResponse(Response response) {
    this.response = response;
  }

  @Override
  public HttpStatusCode getStatusCode() {
    return HttpStatusCode.valueOf(response.code());
  }

  @Override
  public String getStatusText() {
    return response.message();
  }

  @Override
  public HttpHeaders getHeaders() {
    if (headers == null) {
      HttpHeaders copy = new HttpHeaders();
      response.headers().forEach(pair -> copy.add(pair.getFirst(), pair.getSecond()));
      headers = HttpHeaders.readOnlyHttpHeaders(copy);
    }
    return headers;
  }

  @Override
  public InputStream getBody() {
    ResponseBody body = response.body();
    return body == null ? InputStream.nullInputStream() : body.byteStream();
  }

  @Override
  public void close() {
    response.close();
  }

  /** What the cache did for this response; empty when it did not pass through the cache. */
  Optional<CacheInfo> cacheInfo() {
    return CacheInfo.find(response);
  }
}
