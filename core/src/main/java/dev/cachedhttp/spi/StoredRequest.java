package dev.cachedhttp.spi;

import java.util.Objects;
import okhttp3.Headers;

/**
 * The request a stored response answered, as stored: method, redacted URL and redacted headers
 * (credential values and ignored parameters never appear).
 *
 * @param method the upper-case HTTP method
 * @param url the redacted URL
 * @param headers the redacted request headers
 */
public record StoredRequest(String method, String url, Headers headers) {
  /** Creates a stored request; every part is required. */
  public StoredRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
  }
}
