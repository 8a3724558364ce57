package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StoredRequest;
import java.time.Instant;
import okhttp3.Headers;
import okhttp3.Request;
import okio.ByteString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartialContentTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "bytes 0-4/10         | 0-4/10",
      "Bytes 4-9/10         | 4-9/10",
      "bytes 4-9/*          | 4-9/-1",
      "' bytes  4 - 9 / 10 ' | 4-9/10",
      "bytes 4-9/9          | none",
      "bytes 9-4/10         | none",
      "bytes */10           | none",
      "bytes 4-/10          | none",
      "bytes -4-9/10        | none",
      "bytes 4-9            | none",
      "items 4-9/10         | none",
      "bytes 4-9/ten        | none",
      "bytes 99999999999999999999-1/2 | none"})
  void aContentRangeIsReadOnlyWhenItNamesOneSatisfiedRange(String value, String expected) {
    assertThat(PartialContent.contentRange(value)
        .map(span -> span.first() + "-" + span.last() + "/" + span.complete())
        .orElse(null)).isEqualTo(expected);
  }

  /**
   * A stored 206 with {@code Content-Range} {@code stored} and a 5-byte body, the answer to
   * {@code Range: bytes=4-}, used for a request with {@code request} headers (blank: none).
   */
  @ParameterizedTest(name = "stored \"{0}\", request \"{1}\" -> usable {2}")
  @CsvSource(delimiter = '|', value = {
      "bytes 4-8/10 | Range: bytes=4-         | true",
      "bytes 4-8/10 | Range: bytes=5-7        | true",
      "bytes 4-8/10 | Range: bytes=-2         | false",
      "bytes 4-9/10 | Range: bytes=-2         | false",
      "bytes 4-9/10 | Range: bytes=5-8        | true",
      "bytes 4-9/10 | Range: bytes=5-9        | false",
      "bytes 4-8/*  | Range: bytes=5-7        | true",
      "bytes 4-8/*  | Range: bytes=5-         | false",
      "bytes 4-8/10 | Range: bytes=5-6,7-8    | false",
      "bytes 4-8/10 | Range: items=5-7        | false",
      "bytes 4-8/10 |                         | false",
      "bytes 4-8/10 | Range: bytes=5-7; If-None-Match: \"a\" | false",
      "bytes 4-6/10 | Range: bytes=4-         | false",
      "garbage      | Range: bytes=4-         | false"})
  void aStoredPartialIsUsableOnlyForTheRangesItHolds(String stored, String request,
      boolean expected) {
    CachedResponse partial = CachedResponse.builder().url("https://example.com/r")
        .method("GET").status(206).headers(Headers.of("Content-Range", stored))
        .body(ByteString.encodeUtf8("45678"))
        .request(new StoredRequest("GET", "https://example.com/r",
            Headers.of("Range", "bytes=4-")))
        .requestSentAt(Instant.EPOCH).createdAt(Instant.EPOCH).build();
    Request asked = new Request.Builder().url("https://example.com/r")
        .headers(PolicyTest.parse(request)).build();

    assertThat(PartialContent.usableFor(partial, asked)).isEqualTo(expected);
  }
}
