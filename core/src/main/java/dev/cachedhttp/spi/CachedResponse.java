package dev.cachedhttp.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Headers;
import okio.ByteString;

/**
 * A stored HTTP response: the immutable document a backend keeps under a cache key.
 *
 * <p>Everything in it has already been redacted: credential headers and ignored parameters never
 * appear. Instances are immutable and safe to share between threads; {@link #body()} is an
 * immutable {@link ByteString}.
 */
public final class CachedResponse {
  private final String url;
  private final String method;
  private final int status;
  private final String message;
  private final String protocol;
  private final Headers headers;
  private final ByteString body;
  private final StoredRequest request;
  private final Instant requestSentAt;
  private final Instant createdAt;
  private final Instant expires;
  private final List<RedirectHop> history;
  private final String variantGeneration;
  /** Whether {@link #wellFormed()} holds: 0 not yet known, 1 yes, 2 no (a benign race). */
  private volatile byte wellFormed;
  /** What {@link #derived} last computed (a benign race: computed twice at worst). */
  private volatile Object derived;

  private CachedResponse(Builder b) {
    this.url = require(b.url, "url");
    this.method = require(b.method, "method");
    this.status = b.status;
    this.message = b.message == null ? "" : b.message;
    this.protocol = b.protocol == null ? "http/1.1" : b.protocol;
    this.headers = b.headers == null ? Headers.of() : b.headers;
    this.body = b.body == null ? ByteString.EMPTY : b.body;
    this.request = b.request == null ? new StoredRequest(method, url, Headers.of()) : b.request;
    this.createdAt = require(b.createdAt, "createdAt");
    this.requestSentAt = b.requestSentAt == null ? createdAt : b.requestSentAt;
    this.expires = b.expires;
    this.history = List.copyOf(b.history);
    this.variantGeneration = b.variantGeneration;
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be between 100 and 599 but was " + status);
    }
  }

  private static <T> T require(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " is required");
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with every field of this response. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.method = method;
    b.status = status;
    b.message = message;
    b.protocol = protocol;
    b.headers = headers;
    b.body = body;
    b.request = request;
    b.requestSentAt = requestSentAt;
    b.createdAt = createdAt;
    b.expires = expires;
    b.history.addAll(history);
    b.variantGeneration = variantGeneration;
    return b;
  }

  /** The redacted URL of the response (after redirects). */
  public String url() {
    return url;
  }

  /** The upper-case method of the request this response answered. */
  public String method() {
    return method;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The reason phrase; empty when the origin sent none (HTTP/2). */
  public String message() {
    return message;
  }

  /** The protocol name as OkHttp spells it, e.g. {@code http/1.1} or {@code h2}. */
  public String protocol() {
    return protocol;
  }

  /** The response headers, all values, in the order received, redacted. */
  public Headers headers() {
    return headers;
  }

  /** The decoded response body. */
  public ByteString body() {
    return body;
  }

  /** The redacted request this response answered. */
  public StoredRequest request() {
    return request;
  }

  /** When the request that produced this response was sent. */
  public Instant requestSentAt() {
    return requestSentAt;
  }

  /** When the response was received and stored. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When the response stops being fresh; empty when it never expires. */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  /** The redirects that led to this response, oldest first; empty when there were none. */
  public List<RedirectHop> history() {
    return history;
  }

  /**
   * The {@code Vary} generation this response belongs to, or empty when it does not vary. Every
   * variant stored for one URL shares the generation of the URL's latest entry; a variant of
   * another generation is never served (see {@code docs/http-caching.md}).
   */
  public Optional<String> variantGeneration() {
    return Optional.ofNullable(variantGeneration);
  }

  /**
   * True when this document can be served as it is: a final status (200 to 599); a status line,
   * URL, method, protocol, redirect history and header values (response and stored request)
   * without control characters other than horizontal tab; times between year 1 and year 9999;
   * and a {@code Content-Length}, when present, equal to the body's size wherever the response
   * has a body (not for HEAD, 204 or 304). The cache treats a document that is not as absent,
   * since a backend may hand back anything. Computed once per instance.
   */
  public boolean wellFormed() {
    byte known = wellFormed;
    if (known == 0) {
      known = WellFormed.check(this) ? (byte) 1 : (byte) 2;
      wellFormed = known;
    }
    return known == 1;
  }

  /**
   * Returns what {@code derive} makes of this response, computed once per instance and kept with
   * it: the cache reads some facts on every hit (the corrected initial age, parsed {@code
   * Cache-Control}, the media type) and keeps them with a document a backend serves many times
   * instead of working them out again. {@code derive} must be a pure function of this response;
   * one value is kept, so a value of another {@code type} replaces it. Not part of equality. For
   * the cache's own use; a backend never needs it.
   *
   * @param type the class of the derived value
   * @param derive computes the value from this response
   */
  public <T> T derived(Class<T> type, Function<? super CachedResponse, ? extends T> derive) {
    Object known = derived;
    if (type.isInstance(known)) {
      return type.cast(known);
    }
    T value = derive.apply(this);
    derived = value;
    return value;
  }

  /** Returns true when the response has an {@code ETag} or {@code Last-Modified} validator. */
  public boolean hasValidator() {
    return headers.get("ETag") != null || headers.get("Last-Modified") != null;
  }

  /** Returns true when the response has an expiry time at or before {@code now}. */
  public boolean isExpired(Instant now) {
    return Storage.isExpired(expires, now);
  }

  /** A rough size in bytes of this document, for weighing it against memory limits. */
  public long approximateSize() {
    long size = 256L + url.length() + body.size() + request.url().length();
    for (int i = 0; i < headers.size(); i++) {
      size += headers.name(i).length() + headers.value(i).length() + 32;
    }
    Headers requestHeaders = request.headers();
    for (int i = 0; i < requestHeaders.size(); i++) {
      size += requestHeaders.name(i).length() + requestHeaders.value(i).length() + 32;
    }
    for (RedirectHop hop : history) {
      size += hop.url().length() + 32;
    }
    if (variantGeneration != null) {
      size += variantGeneration.length();
    }
    return size;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CachedResponse other)) {
      return false;
    }
    return status == other.status
        && url.equals(other.url)
        && method.equals(other.method)
        && message.equals(other.message)
        && protocol.equals(other.protocol)
        && headers.equals(other.headers)
        && body.equals(other.body)
        && request.equals(other.request)
        && requestSentAt.equals(other.requestSentAt)
        && createdAt.equals(other.createdAt)
        && Objects.equals(expires, other.expires)
        && history.equals(other.history)
        && Objects.equals(variantGeneration, other.variantGeneration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, method, status, headers, body, createdAt, expires);
  }

  @Override
  public String toString() {
    return "CachedResponse{" + method + " " + url + " -> " + status + ", " + body.size()
        + " bytes, created " + createdAt + ", expires " + (expires == null ? "never" : expires)
        + "}";
  }

  /** Builds a {@link CachedResponse}; not thread-safe. {@code url}, {@code method}, {@code
   * status} and {@code createdAt} are required. */
  public static final class Builder {
    private String url;
    private String method;
    private int status;
    private String message;
    private String protocol;
    private Headers headers;
    private ByteString body;
    private StoredRequest request;
    private Instant requestSentAt;
    private Instant createdAt;
    private Instant expires;
    private final List<RedirectHop> history = new ArrayList<>();
    private String variantGeneration;

    private Builder() {}

    /** Sets the redacted response URL. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** Sets the request method. */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** Sets the status code (100 to 599). */
    public Builder status(int status) {
      this.status = status;
      return this;
    }

    /** Sets the reason phrase. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** Sets the protocol name, e.g. {@code http/1.1}. Default {@code http/1.1}. */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Sets the redacted response headers. */
    public Builder headers(Headers headers) {
      this.headers = headers;
      return this;
    }

    /** Sets the decoded body. */
    public Builder body(ByteString body) {
      this.body = body;
      return this;
    }

    /** Sets the redacted request. */
    public Builder request(StoredRequest request) {
      this.request = request;
      return this;
    }

    /** Sets when the request was sent. Default: {@code createdAt}. */
    public Builder requestSentAt(Instant requestSentAt) {
      this.requestSentAt = requestSentAt;
      return this;
    }

    /** Sets when the response was received. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Sets when the response stops being fresh; {@code null} for never. */
    public Builder expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    /** Replaces the redirect history. */
    public Builder history(List<RedirectHop> history) {
      this.history.clear();
      this.history.addAll(history);
      return this;
    }

    /** Sets the {@code Vary} generation mark; {@code null} (the default) for none. */
    public Builder variantGeneration(String variantGeneration) {
      this.variantGeneration = variantGeneration;
      return this;
    }

    /** Builds the response. */
    public CachedResponse build() {
      return new CachedResponse(this);
    }
  }
}
