package dev.cachedhttp.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/** A value derived from a stored response is worked out once per instance and kept with it. */
class CachedResponseDerivedTest {
  private final CachedResponse response = CachedResponse.builder()
      .url("https://example.com/").method("GET").status(200).message("OK")
      .headers(Headers.of("Content-Type", "text/plain"))
      .body(ByteString.encodeUtf8("body"))
      .createdAt(Instant.parse("2026-12-07T00:00:00Z"))
      .build();

  @Test
  void aDerivedValueIsComputedOncePerInstance() {
    AtomicInteger computed = new AtomicInteger();

    String first = response.derived(String.class,
        r -> "of " + r.url() + computed.incrementAndGet());
    String again = response.derived(String.class, r -> "again" + computed.incrementAndGet());

    assertThat(first).isEqualTo("of https://example.com/1").isSameAs(again);
    assertThat(computed).hasValue(1);
    assertThat(response.toBuilder().build().derived(String.class, r -> "fresh")).isEqualTo("fresh");
  }

  @Test
  void aValueOfAnotherTypeReplacesTheKeptOneAndEqualityIgnoresIt() {
    CachedResponse twin = response.toBuilder().build();
    response.derived(String.class, r -> "text");

    assertThat(response.derived(Integer.class, r -> 42)).isEqualTo(42);
    assertThat(response.derived(String.class, r -> "again")).isEqualTo("again");
    assertThat(response).isEqualTo(twin).hasSameHashCodeAs(twin);
  }
}
