package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class SecretsAndKeysTest extends OriginFixture {
  private static final MediaType JSON = MediaType.get("application/json");

  /** Everything a backend holds for every stored response, as one text. */
  private String everythingStored() {
    StringBuilder all = new StringBuilder();
    for (String key : cached.inspector().keys()) {
      CachedResponse r = backend.responses().get(key).orElseThrow();
      all.append(key).append('\n').append(r.url()).append('\n').append(text(r.headers()))
          .append('\n').append(r.request().url()).append('\n')
          .append(text(r.request().headers())).append('\n').append(r.history()).append('\n').append(r.body().utf8()).append('\n');
    }
    backend.redirects().keys().forEach(k -> all.append(k).append(" -> ")
        .append(backend.redirects().get(k).orElse("")).append('\n'));
    return all.toString();
  }

  private static String text(okhttp3.Headers headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      out.append(headers.name(i)).append(": ").append(headers.value(i)).append('\n');
    }
    return out.toString();
  }

  @Test
  void ignoredParametersShareOneEntryAndAreNeverStored() throws Exception {
    enqueue("shared");
    OkHttpClient client = client(builder().ignoredParameters("api_key"));

    get(client, "/search?q=1&api_key=SECRET-A");
    Result second = get(client, "/search?api_key=SECRET-B&q=1");

    assertThat(second.info().fromCache()).isTrue();
    assertThat(origin.getRequestCount()).isEqualTo(1);
    String stored = everythingStored();
    assertThat(stored).contains("/search?q=1").doesNotContain("SECRET-A")
        .doesNotContain("SECRET-B");
  }

  @Test
  void ignoredParametersAreRedactedHoweverTheirNamesAreSpelled() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", "/next?token%5B%5D=SECRET-LOC&x=1").build());
    enqueue("shared");
    OkHttpClient client = client(builder().ignoredParameters("api_key", "token[]"));

    Result first = get(client, "/search?q=1&api%5Fkey=SECRET-A&token[]=SECRET-B");
    Result second = get(client, "/search?api_key=SECRET-C&q=1&token%5B%5D=SECRET-D");

    assertThat(first.info().stored()).isTrue();
    assertThat(second.info().fromCache()).isTrue();
    assertThat(everythingStored()).contains("/search?q=1").contains("/next?x=1")
        .doesNotContain("SECRET");
  }

  @Test
  void ignoredParametersAreRemovedFromHeadersFormAndJsonBodies() throws Exception {
    enqueue("form", "json");
    OkHttpClient client = client(builder().allowableMethods("GET", "POST")
        .ignoredParameters("api_key", "X-Api-Key"));

    for (String secret : List.of("K1", "K2")) {
      call(client, new Request.Builder().url(origin.url("/form"))
          .header("X-Api-Key", "HDR-" + secret)
          .post(new FormBody.Builder().add("q", "x").add("api_key", "FORM-" + secret).build())
          .build());
      call(client, new Request.Builder().url(origin.url("/json"))
          .post(RequestBody.create("{\"q\":\"x\",\"auth\":{\"api_key\":\"JSON-" + secret
              + "\"}}", JSON)).build());
    }

    assertThat(origin.getRequestCount()).isEqualTo(2);
    assertThat(everythingStored()).doesNotContain("HDR-K").doesNotContain("FORM-K")
        .doesNotContain("JSON-K");
  }

  @Test
  void credentialsAreNeverStoredAndNeverShared() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "session=SETCOOKIE-1")
        .body("for alice").build());
    enqueue("for bob");
    OkHttpClient client = client(builder());

    Request alice = new Request.Builder().url(origin.url("/me"))
        .header("Authorization", "Bearer ALICE-TOKEN").header("Cookie", "id=ALICE-COOKIE")
        .header("Proxy-Authorization", "Basic PROXY-SECRET").build();
    Request bob = new Request.Builder().url(origin.url("/me"))
        .header("Authorization", "Bearer BOB-TOKEN").build();
    Result aliceFirst = call(client, alice);
    Result bobFirst = call(client, bob);
    Result aliceAgain = call(client, alice);
    Result bobAgain = call(client, bob);

    assertThat(aliceFirst.body()).isEqualTo("for alice");
    assertThat(bobFirst.body()).isEqualTo("for bob");
    assertThat(bobFirst.info().fromCache()).isFalse();
    assertThat(aliceAgain.body()).isEqualTo("for alice");
    assertThat(bobAgain.body()).isEqualTo("for bob");
    assertThat(aliceAgain.info().cacheKey()).isNotEqualTo(bobAgain.info().cacheKey());
    assertThat(origin.getRequestCount()).isEqualTo(2);
    String stored = everythingStored();
    assertThat(stored).doesNotContain("ALICE-TOKEN").doesNotContain("BOB-TOKEN")
        .doesNotContain("ALICE-COOKIE").doesNotContain("PROXY-SECRET")
        .doesNotContain("SETCOOKIE-1").contains("REDACTED");
  }

  @Test
  void userInfoInTheUrlIsNotStored() throws Exception {
    enqueue("x");
    OkHttpClient client = client(builder());
    String url = origin.url("/u").newBuilder().username("user").password("PASSWORD-9")
        .build().toString();

    Result first = call(client, new Request.Builder().url(url).build());

    assertThat(first.info().stored()).isTrue();
    assertThat(cached.inspector().count()).isEqualTo(1);
    assertThat(everythingStored()).contains(origin.url("/u").encodedPath())
        .doesNotContain("PASSWORD-9");
  }

  @Test
  void anUnsafeRequestInvalidatesEveryCredentialAndVariantOfItsUrl() throws Exception {
    for (String body : List.of("alice v1", "alice json v1", "bob v1", "anonymous v1", "updated",
        "alice v2", "alice json v2", "bob v2", "anonymous v2")) {
      origin.enqueue(new MockResponse.Builder().body(body).addHeader("Vary", "Accept").build());
    }
    OkHttpClient client = client(builder());
    Request alice = new Request.Builder().url(origin.url("/doc"))
        .header("Authorization", "Basic YWxpY2U6cHc=").build();
    Request aliceJson = alice.newBuilder().header("Accept", "application/json").build();
    Request bob = new Request.Builder().url(origin.url("/doc"))
        .header("Authorization", "Basic Ym9iOnB3").build();
    Request anonymous = new Request.Builder().url(origin.url("/doc")).build();
    List<Request> readers = List.of(alice, aliceJson, bob, anonymous);
    for (Request reader : readers) {
      call(client, reader);
    }
    assertThat(call(client, aliceJson).info().fromCache()).isTrue();

    call(client, anonymous.newBuilder().put(RequestBody.create("v2", JSON)).build());

    for (Request reader : readers) {
      Result after = call(client, reader);
      assertThat(after.info().fromCache()).as(reader.headers().toString()).isFalse();
      assertThat(after.body()).endsWith("v2");
    }
  }

  @Test
  void postIsNotCachedByDefault() throws Exception {
    enqueue("1", "2");
    OkHttpClient client = client(builder());
    Request post = new Request.Builder().url(origin.url("/p"))
        .post(RequestBody.create("{\"a\":1}", JSON)).build();

    call(client, post);
    Result second = call(client, post);

    assertThat(second.body()).isEqualTo("2");
    assertThat(second.info().source()).isEqualTo(CacheInfo.Source.BYPASS);
    assertThat(cached.inspector().count()).isZero();
  }

  @Test
  void allowedPostBodiesArePartOfTheKeyWithJsonKeysSorted() throws Exception {
    enqueue("ab", "a2");
    OkHttpClient client = client(builder().allowableMethods("GET", "POST"));

    Result ab = call(client, post("{\"a\":1,\"b\":2}"));
    Result ba = call(client, post("{\"b\":2,\"a\":1}"));
    Result nestedReordered = call(client, post("{ \"b\" : 2, \"a\" : 1 }"));
    Result a2 = call(client, post("{\"a\":2,\"b\":2}"));

    assertThat(ba.info().fromCache()).isTrue();
    assertThat(ba.body()).isEqualTo("ab");
    assertThat(nestedReordered.info().cacheKey()).isEqualTo(ab.info().cacheKey());
    assertThat(a2.body()).isEqualTo("a2");
    assertThat(a2.info().cacheKey()).isNotEqualTo(ab.info().cacheKey());
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  private Request post(String json) {
    return new Request.Builder().url(origin.url("/query"))
        .post(RequestBody.create(json, JSON)).build();
  }

  @Test
  void matchHeadersSeparateEntriesByTheirValues() throws Exception {
    enqueue("en", "de");
    OkHttpClient client = client(builder().matchHeaders("Accept-Language"));

    Result en = call(client, withLanguage("en"));
    Result de = call(client, withLanguage("de"));
    Result enAgain = call(client, withLanguage("en"));

    assertThat(de.body()).isEqualTo("de");
    assertThat(enAgain.body()).isEqualTo("en");
    assertThat(enAgain.info().cacheKey()).isEqualTo(en.info().cacheKey());
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  private Request withLanguage(String language) {
    return new Request.Builder().url(origin.url("/lang"))
        .header("Accept-Language", language).build();
  }

  @Test
  void customKeyFunctionReplacesTheKeyButStillSeparatesCredentials() throws Exception {
    enqueue("first", "other user");
    OkHttpClient client = client(builder()
        .keyFunction(request -> "path:" + request.url().encodedPath()));

    Result a = get(client, "/k?v=1");
    Result b = get(client, "/k?v=2");
    Result withAuth = call(client, new Request.Builder().url(origin.url("/k"))
        .header("Authorization", "Bearer T").build());

    assertThat(a.info().cacheKey()).isEqualTo("path:/k");
    assertThat(b.info().fromCache()).isTrue();
    assertThat(withAuth.body()).isEqualTo("other user");
    assertThat(withAuth.info().cacheKey()).startsWith("path:/k#");
  }

  @Test
  void inspectorListsFindsAndDeletesEntries() throws Exception {
    enqueue("a");
    origin.enqueue(new MockResponse.Builder().addHeader("ETag", "\"b\"").body("b").build());
    enqueue("c", "a2");
    OkHttpClient client = client(builder().expireAfter(java.time.Duration.ofMinutes(1)));
    get(client, "/a");
    get(client, "/b");
    clock.advance(java.time.Duration.ofSeconds(30));
    get(client, "/c");
    CacheInspector inspector = cached.inspector();

    assertThat(inspector.count()).isEqualTo(3);
    assertThat(inspector.urls()).containsExactly(origin.url("/a").toString(),
        origin.url("/b").toString(), origin.url("/c").toString());
    assertThat(inspector.contains(origin.url("/a").toString())).isTrue();
    assertThat(inspector.contains(origin.url("/zzz").toString())).isFalse();
    String keyOfB = inspector.keyOf(new Request.Builder().url(origin.url("/b")).build())
        .orElseThrow();
    assertThat(inspector.get(keyOfB)).map(CachedResponse::url)
        .contains(origin.url("/b").toString());

    assertThat(inspector.deleteUrls(origin.url("/a").toString())).isEqualTo(1);
    assertThat(get(client, "/a").body()).isEqualTo("a2");
    clock.advance(java.time.Duration.ofSeconds(31));
    assertThat(inspector.deleteExpired()).isEqualTo(1);
    assertThat(inspector.keys().stream().map(k -> inspector.get(k).orElseThrow().url())
        .collect(Collectors.toList())).containsExactlyInAnyOrder(origin.url("/c").toString(),
        origin.url("/a").toString());
    assertThat(inspector.delete(keyOfB)).isZero();
    inspector.clear();
    assertThat(inspector.count()).isZero();
  }
}
