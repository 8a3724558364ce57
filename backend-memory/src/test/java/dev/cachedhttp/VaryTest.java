package dev.cachedhttp;

import static dev.cachedhttp.HttpFreshnessTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses with {@code Vary}: variants of one URL coexist; {@code Vary: *} never matches. */
class VaryTest extends OriginFixture {

  /** Answers in the requested language, varying on Accept-Language, numbering each answer. */
  private void languageOrigin() {
    origin.setDispatcher(new Dispatcher() {
      private int served;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest request) {
        if (!"GET".equals(request.getMethod())) {
          return new MockResponse.Builder().code(204).build();
        }
        String language = request.getHeaders().get("Accept-Language");
        return response((language == null ? "none" : language) + " #" + (++served),
            "Vary", "Accept-Language", "Cache-Control", "max-age=600");
      }
    });
  }

  private Result inLanguage(OkHttpClient client, String language) throws Exception {
    return call(client, new Request.Builder().url(origin.url("/greeting"))
        .header("Accept-Language", language).build());
  }

  @ParameterizedTest(name = "cacheControl({0})")
  @ValueSource(booleans = {false, true})
  void variantsOfOneUrlCoexistAndAreServedAlternately(boolean cacheControl) throws Exception {
    languageOrigin();
    OkHttpClient client = client(builder().cacheControl(cacheControl)
        .expireAfter(Duration.ofMinutes(10)));

    Result en = inLanguage(client, "en");
    Result fr = inLanguage(client, "fr");
    Result enAgain = inLanguage(client, "en");
    Result frAgain = inLanguage(client, "fr");
    Result enThird = inLanguage(client, "en");
    Result none = get(client, "/greeting");

    assertThat(en.body()).isEqualTo("en #1");
    assertThat(fr.body()).isEqualTo("fr #2");
    assertThat(enAgain.body()).isEqualTo("en #1");
    assertThat(enAgain.info().fromCache()).isTrue();
    assertThat(frAgain.body()).isEqualTo("fr #2");
    assertThat(frAgain.info().fromCache()).isTrue();
    assertThat(enThird.body()).isEqualTo("en #1");
    assertThat(none.body()).isEqualTo("none #3");
    assertThat(origin.getRequestCount()).isEqualTo(3);
  }

  @Test
  void varyingValuesAreComparedAfterNormalisation() throws Exception {
    languageOrigin();
    OkHttpClient client = client(builder().cacheControl(true));

    inLanguage(client, "en-GB,  fr;q=0.5");
    Result sameValue = inLanguage(client, "EN-gb, fr;q=0.5");
    Result other = inLanguage(client, "en-GB");

    assertThat(sameValue.info().fromCache()).isTrue();
    assertThat(other.info().fromCache()).isFalse();
  }

  @Test
  void languagesOfEqualWeightInAnotherOrderShareTheStoredVariant() throws Exception {
    languageOrigin();
    OkHttpClient client = client(builder().cacheControl(true));

    inLanguage(client, "en, de");
    Result reordered = inLanguage(client, "de,  EN");
    Result reweighted = inLanguage(client, "en, de;q=0.5");

    assertThat(reordered.info().fromCache()).isTrue();
    assertThat(reordered.body()).isEqualTo("en, de #1");
    assertThat(reweighted.info().fromCache()).isFalse();
    assertThat(reweighted.body()).isEqualTo("en, de;q=0.5 #2");
  }

  @Test
  void anUnsafeRequestInvalidatesEveryVariant() throws Exception {
    languageOrigin();
    OkHttpClient client = client(builder().cacheControl(true));
    inLanguage(client, "en");
    inLanguage(client, "fr");

    call(client, new Request.Builder().url(origin.url("/greeting"))
        .header("Accept-Language", "en").post(RequestBody.create(new byte[0])).build());
    Result en = inLanguage(client, "en");
    Result fr = inLanguage(client, "fr");

    assertThat(en.body()).isEqualTo("en #3");
    assertThat(fr.body()).isEqualTo("fr #4");
  }

  @Test
  void varyStarIsNeverServedFromTheCache() throws Exception {
    origin.enqueue(response("one", "Vary", "*"));
    origin.enqueue(response("two", "Vary", "*"));
    OkHttpClient client = client(builder());

    get(client, "/star");
    Result second = get(client, "/star");

    assertThat(second.body()).isEqualTo("two");
    assertThat(cached.inspector().count()).isZero();
  }

  @Test
  void aStaleVariantIsRevalidatedAndStaysApartFromTheOthers() throws Exception {
    origin.enqueue(response("en body", "Vary", "Accept-Language", "ETag", "\"en\""));
    origin.enqueue(response("fr body", "Vary", "Accept-Language", "ETag", "\"fr\""));
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("X-Checked", "yes").build());
    OkHttpClient client = client(builder().expireAfter(Duration.ofMinutes(1)));
    inLanguage(client, "en");
    inLanguage(client, "fr");
    clock.advance(Duration.ofMinutes(2));

    Result en = inLanguage(client, "en");

    origin.takeRequest();
    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"en\"");
    assertThat(en.info().revalidated()).isTrue();
    assertThat(en.body()).isEqualTo("en body");
    assertThat(en.response().header("X-Checked")).isEqualTo("yes");
  }
}
