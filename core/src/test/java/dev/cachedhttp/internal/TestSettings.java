package dev.cachedhttp.internal;

import dev.cachedhttp.BuilderSettings;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Request;

/** Settings and stored documents for the pure decision tests, on a fixed clock. */
final class TestSettings {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Expiration expiration;
  private boolean cacheControl;
  private Set<Integer> codes;
  private Duration staleIfError = Duration.ZERO;
  private Duration staleWhileRevalidate = Duration.ZERO;

  static TestSettings http() {
    return new TestSettings().cacheControl(true);
  }

  static TestSettings plain() {
    return new TestSettings();
  }

  TestSettings cacheControl(boolean on) {
    this.cacheControl = on;
    return this;
  }

  TestSettings expireAfter(Expiration value) {
    this.expiration = value;
    return this;
  }

  TestSettings codes(Integer... values) {
    this.codes = Set.of(values);
    return this;
  }

  TestSettings staleIfError(Duration window) {
    this.staleIfError = window;
    return this;
  }

  TestSettings staleWhileRevalidate(Duration window) {
    this.staleWhileRevalidate = window;
    return this;
  }

  Settings build() {
    CachedClient.Builder builder = CachedClient.builder().cacheControl(cacheControl).clock(CLOCK)
        .maxBodyBytes(1 << 20).staleIfError(staleIfError)
        .staleWhileRevalidate(staleWhileRevalidate);
    if (codes != null) {
      builder.allowableCodes(codes.stream().mapToInt(Integer::intValue).toArray());
    }
    if (expiration != null) {
      builder.expireAfter(expiration);
    }
    return BuilderSettings.of(builder);
  }

  Policy policy() {
    return new Policy(build());
  }

  /** Headers from alternating names and values. */
  static Headers headers(String... namesAndValues) {
    return Headers.of(namesAndValues);
  }

  static Request get(String... namesAndValues) {
    return new Request.Builder().url("https://example.com/r").headers(headers(namesAndValues))
        .build();
  }

  /** A document received {@code ageSeconds} ago, fresh until {@code expires} (null: never). */
  static CachedResponse stored(long ageSeconds, Instant expires, String... namesAndValues) {
    Instant received = NOW.minusSeconds(ageSeconds);
    return CachedResponse.builder().url("https://example.com/r").method("GET").status(200)
        .headers(headers(namesAndValues)).requestSentAt(received).createdAt(received)
        .expires(expires).build();
  }
}
