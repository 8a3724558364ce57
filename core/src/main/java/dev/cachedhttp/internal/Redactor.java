package dev.cachedhttp.internal;

import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Removes secrets from everything the cache stores: credential headers, cookies, user info in
 * URLs and every ignored parameter (query, headers, URLs in {@code Location} and {@code
 * Content-Location}). Immutable and thread-safe.
 */
public final class Redactor {
  /** The value that replaces a redacted header value. */
  public static final String REDACTED = "REDACTED";

  private static final Set<String> SECRET_REQUEST_HEADERS = Keys.CREDENTIAL_HEADERS.stream()
      .map(name -> name.toLowerCase(Locale.ROOT))
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("set-cookie", "set-cookie2");
  private static final Set<String> URL_HEADERS = Set.of("location", "content-location");

  private final IgnoredParameters ignored;

  /** Creates a redactor that also removes {@code ignored} parameters. */
  public Redactor(IgnoredParameters ignored) {
    this.ignored = ignored;
  }

  /**
   * Returns {@code url} without user info, fragment and ignored query parameters; a parameter is
   * ignored by its decoded name, however it is spelled ({@code api%5Fkey} is {@code api_key}).
   */
  public String url(HttpUrl url) {
    HttpUrl.Builder builder = url.newBuilder().username("").password("").fragment(null);
    String query = url.encodedQuery();
    if (query != null && !ignored.isEmpty()) {
      builder.encodedQuery(withoutIgnored(query));
    }
    return builder.build().toString();
  }

  /** The encoded query without the pairs whose decoded name is ignored; null when none is left. */
  private String withoutIgnored(String query) {
    StringBuilder kept = new StringBuilder(query.length());
    for (String part : query.split("&", -1)) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      if (part.isEmpty() || ignored.isIgnoredParameter(CanonicalUrl.decoded(name))) {
        continue;
      }
      if (kept.length() > 0) {
        kept.append('&');
      }
      kept.append(part);
    }
    return kept.length() == 0 ? null : kept.toString();
  }

  /** Returns request headers with credential and ignored values replaced by {@link #REDACTED}. */
  public Headers requestHeaders(Headers headers) {
    Headers.Builder out = new Headers.Builder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      boolean secret = SECRET_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))
          || ignored.isIgnoredHeader(name);
      out.addUnsafeNonAscii(name, secret ? REDACTED : headers.value(i));
    }
    return out.build();
  }

  /**
   * Returns response headers without {@code Set-Cookie}, with credential and ignored values
   * replaced by {@link #REDACTED}, and with ignored parameters removed from URLs in {@code
   * Location} and {@code Content-Location} (resolved against {@code base}).
   */
  public Headers responseHeaders(Headers headers, HttpUrl base) {
    Headers.Builder out = new Headers.Builder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      if (DROPPED_RESPONSE_HEADERS.contains(lower)) {
        continue;
      }
      String value = headers.value(i);
      if (SECRET_REQUEST_HEADERS.contains(lower) || ignored.isIgnoredHeader(name)) {
        value = REDACTED;
      } else if (URL_HEADERS.contains(lower)) {
        value = locationValue(value, base);
      }
      out.addUnsafeNonAscii(name, value);
    }
    return out.build();
  }

  private String locationValue(String value, HttpUrl base) {
    HttpUrl resolved = base.resolve(value);
    if (resolved == null) {
      return value;
    }
    boolean hasSecret = !resolved.username().isEmpty() || !resolved.password().isEmpty();
    for (String name : resolved.queryParameterNames()) {
      hasSecret |= ignored.isIgnoredParameter(name);
    }
    return hasSecret ? url(resolved) : value;
  }
}
