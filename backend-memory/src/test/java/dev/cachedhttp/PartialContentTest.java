package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * Partial content (RFC 9111 sections 3.3 and 3.4): a 206 to a range request is stored and answers
 * later range requests it holds; it never answers a request for the whole representation, which
 * may ask the origin for the rest and combine the two only when a strong entity tag proves they
 * are parts of one representation.
 */
class PartialContentTest extends OriginFixture {

  /** A 200 fresh for an hour, with more header fields. */
  private static MockResponse whole(String body, String... headers) {
    String[] fields = Stream.concat(Stream.of("Cache-Control", "max-age=3600"),
        Arrays.stream(headers)).toArray(String[]::new);
    return response(body, fields);
  }

  /** A 206 fresh for an hour of the range {@code contentRange}, with more header fields. */
  private static MockResponse partial(String contentRange, String body, String... headers) {
    return whole(body, headers).newBuilder().code(206)
        .addHeader("Content-Range", contentRange).build();
  }

  private Result range(OkHttpClient client, String range) throws Exception {
    return call(client, new Request.Builder().url(origin.url("/file"))
        .header("Range", range).build());
  }

  private OkHttpClient httpClient() {
    return client(builder().cacheControl(true));
  }

  /** Even when the body is shorter than the range it names: the origin's answer, replayed. */
  @Test
  void theSameRangeIsAnsweredFromTheStoredPartialAsItCame() throws Exception {
    origin.enqueue(partial("bytes 4-9/10", "45678"));
    origin.enqueue(partial("bytes 4-9/10", "second"));
    OkHttpClient client = httpClient();

    range(client, "bytes=-6");
    Result again = range(client, "Bytes = -6");

    assertThat(again.info().fromCache()).isTrue();
    assertThat(again.code()).isEqualTo(206);
    assertThat(again.body()).isEqualTo("45678");
    assertThat(again.response().header("Content-Range")).isEqualTo("bytes 4-9/10");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRangeWithinTheStoredBytesIsServedAsA206OfThoseBytes() throws Exception {
    origin.enqueue(partial("bytes 4-9/10", "456789"));
    OkHttpClient client = httpClient();

    range(client, "bytes=-6");
    Result inner = range(client, "bytes=6-8");
    Result suffix = range(client, "bytes=-2");
    Result open = range(client, "bytes=7-");

    assertThat(inner.info().fromCache()).isTrue();
    assertThat(inner.code()).isEqualTo(206);
    assertThat(inner.body()).isEqualTo("678");
    assertThat(inner.response().header("Content-Range")).isEqualTo("bytes 6-8/10");
    assertThat(inner.response().header("Content-Length")).isEqualTo("3");
    assertThat(suffix.body()).isEqualTo("89");
    assertThat(suffix.response().header("Content-Range")).isEqualTo("bytes 8-9/10");
    assertThat(open.body()).isEqualTo("789");
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRangeBeyondTheStoredBytesGoesToTheOrigin() throws Exception {
    origin.enqueue(partial("bytes 4-9/10", "456789"));
    origin.enqueue(partial("bytes 2-5/10", "2345"));
    OkHttpClient client = httpClient();

    range(client, "bytes=4-");
    Result beyond = range(client, "bytes=2-5");

    assertThat(beyond.info().fromCache()).isFalse();
    assertThat(beyond.body()).isEqualTo("2345");
    assertThat(origin.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=4-");
    assertThat(origin.takeRequest().getHeaders().get("Range")).isEqualTo("bytes=2-5");
  }

  @Test
  void aBodyShorterThanItsContentRangeHoldsOnlyTheBytesThatCame() throws Exception {
    origin.enqueue(partial("bytes 4-9/10", "4567"));
    origin.enqueue(partial("bytes 8-9/10", "89"));
    OkHttpClient client = httpClient();

    range(client, "bytes=4-");
    Result held = range(client, "bytes=5-7");
    Result missing = range(client, "bytes=8-9");

    assertThat(held.info().fromCache()).isTrue();
    assertThat(held.body()).isEqualTo("567");
    assertThat(missing.info().fromCache()).isFalse();
    assertThat(missing.body()).isEqualTo("89");
  }

  @Test
  void aRequestForTheWholeRepresentationIsNeverAnsweredWithAPartial() throws Exception {
    origin.enqueue(partial("bytes 4-9/10", "456789"));
    origin.enqueue(whole("0123456789"));
    OkHttpClient client = httpClient();

    range(client, "bytes=4-");
    Result plain = get(client, "/file");
    Result later = range(client, "bytes=0-1");

    assertThat(plain.info().fromCache()).isFalse();
    assertThat(plain.code()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo("0123456789");
    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("Range")).isNull();
    assertThat(later.info().fromCache()).isTrue();
    assertThat(later.body()).isEqualTo("01");
  }

  @Test
  void theRestOfAPartialWithAStrongEtagIsAskedForAndCombined() throws Exception {
    origin.enqueue(partial("bytes 0-4/10", "01234", "ETag", "\"v1\"", "A", "1", "B", "1"));
    origin.enqueue(partial("bytes 5-9/10", "56789", "ETag", "\"v1\"", "A", "2"));
    OkHttpClient client = httpClient();

    range(client, "bytes=0-4");
    Result whole = get(client, "/file");
    Result again = get(client, "/file");

    origin.takeRequest();
    RecordedRequest rest = origin.takeRequest();
    assertThat(rest.getHeaders().get("Range")).isEqualTo("bytes=5-");
    assertThat(rest.getHeaders().get("If-Range")).isEqualTo("\"v1\"");
    assertThat(whole.code()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("0123456789");
    assertThat(whole.response().header("Content-Range")).isNull();
    assertThat(whole.response().header("Content-Length")).isEqualTo("10");
    assertThat(whole.response().header("A")).isEqualTo("2");
    assertThat(whole.response().header("B")).isEqualTo("1");
    assertThat(again.info().fromCache()).isTrue();
    assertThat(again.code()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("0123456789");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theRestWithoutAStrongValidatorIsNotCombinedAndTheWholeIsAskedAgain() throws Exception {
    origin.enqueue(partial("bytes 0-4/10", "01234", "ETag", "W/\"v1\""));
    origin.enqueue(partial("bytes 5-9/10", "FGHIJ", "ETag", "W/\"v1\""));
    origin.enqueue(whole("ABCDEFGHIJ"));
    OkHttpClient client = httpClient();

    range(client, "bytes=0-4");
    Result whole = get(client, "/file");

    assertThat(whole.code()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("ABCDEFGHIJ");
    assertThat(origin.getRequestCount()).isEqualTo(3);
    origin.takeRequest();
    RecordedRequest rest = origin.takeRequest();
    RecordedRequest plain = origin.takeRequest();
    assertThat(rest.getHeaders().get("Range")).isEqualTo("bytes=5-");
    assertThat(rest.getHeaders().get("If-Range")).isNull();
    assertThat(plain.getHeaders().get("Range")).isNull();
  }

  @Test
  void aWholeAnswerToTheRequestForTheRestIsTheCallersAsItCame() throws Exception {
    origin.enqueue(partial("bytes 0-4/10", "01234", "ETag", "\"v1\""));
    origin.enqueue(whole("abcdefghij", "ETag", "\"v2\""));
    OkHttpClient client = httpClient();

    range(client, "bytes=0-4");
    Result whole = get(client, "/file");
    Result again = get(client, "/file");

    assertThat(whole.code()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("abcdefghij");
    assertThat(again.info().fromCache()).isTrue();
    assertThat(again.body()).isEqualTo("abcdefghij");
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRangeRequestRevalidatesAStaleCompleteResponseInsteadOfReplacingIt() throws Exception {
    origin.enqueue(new MockResponse.Builder().body("0123456789").addHeader("ETag", "\"v1\"")
        .addHeader("Cache-Control", "max-age=60").build());
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"")
        .addHeader("Cache-Control", "max-age=60").build());
    OkHttpClient client = httpClient();

    get(client, "/file");
    clock.advance(Duration.ofMinutes(2));
    Result range = range(client, "bytes=2-3");
    Result whole = get(client, "/file");

    origin.takeRequest();
    RecordedRequest revalidation = origin.takeRequest();
    assertThat(revalidation.getHeaders().get("Range")).isEqualTo("bytes=2-3");
    assertThat(revalidation.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(range.code()).isEqualTo(206);
    assertThat(range.body()).isEqualTo("23");
    assertThat(range.info().revalidated()).isTrue();
    assertThat(whole.info().fromCache()).isTrue();
    assertThat(whole.body()).isEqualTo("0123456789");
  }

  @Test
  void aPartialIsNotStoredWhenItsRangeCannotBeRead() throws Exception {
    origin.enqueue(partial("bytes 4-2/10", "456789"));
    origin.enqueue(partial("bytes 4-9/10", "456789"));
    OkHttpClient client = httpClient();

    range(client, "bytes=4-");
    Result again = range(client, "bytes=4-");

    assertThat(again.info().fromCache()).isFalse();
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void withoutCacheControlA206IsNotStoredUnlessAllowed() throws Exception {
    origin.enqueue(partial("bytes 4-9/10", "456789"));
    origin.enqueue(partial("bytes 4-9/10", "456789"));
    OkHttpClient client = client(builder());

    range(client, "bytes=4-");
    Result again = range(client, "bytes=4-");

    assertThat(again.info().fromCache()).isFalse();
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }
}
