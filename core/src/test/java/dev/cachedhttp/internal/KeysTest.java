package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private final Keys keys = new Keys(new IgnoredParameters(Set.of("api_key", "X-Api-Key")),
      List.of("Accept"), null);

  private String key(Request request) {
    return keys.of(request).orElseThrow();
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  private static Request postJson(String json) {
    return new Request.Builder().url("https://api.example.com/q")
        .post(RequestBody.create(json, JSON)).build();
  }

  @Test
  void keyIsTheUrlGroupThenADigestInLowerCaseHex() {
    assertThat(key(get("https://api.example.com/a"))).matches("[0-9a-f]{32}\\.[0-9a-f]{32}");
  }

  @Test
  void everyKeyOfOneUrlSharesItsGroupPrefix() {
    String url = "https://api.example.com/a?x=1";
    String prefix = keys.invalidationPrefixes(HttpUrl.get(url), get(url), true).get(0);
    Request head = new Request.Builder().url(url).head().build();
    Request alice = new Request.Builder().url(url).header("Authorization", "Basic YWxpY2U6cHc=")
        .build();
    Request json = new Request.Builder().url(url).header("Accept", "application/json").build();
    assertThat(List.of(key(get(url)), key(head), key(alice), key(json),
        keys.variant(key(alice), List.of("accept-language", "de"))))
        .allSatisfy(key -> assertThat(key).startsWith(prefix));
    assertThat(key(get("https://api.example.com/b?x=1"))).doesNotStartWith(prefix);
    Request post = new Request.Builder().url(url).post(RequestBody.create("q", JSON)).build();
    assertThat(key(post)).doesNotStartWith(prefix)
        .startsWith(keys.invalidationPrefixes(HttpUrl.get(url), get(url), false).get(0));
  }

  @Test
  void keyIsStableForTheSameRequest() {
    assertThat(key(get("https://api.example.com/a?x=1")))
        .isEqualTo(key(get("https://api.example.com/a?x=1")));
  }

  @Test
  void equivalentUrlsShareAKey() {
    assertThat(key(get("HTTPS://API.example.com:443/a?b=2&a=1&api_key=ONE")))
        .isEqualTo(key(get("https://api.example.com/a?api_key=TWO&a=1&b=2")));
  }

  @Test
  void methodIsPartOfTheKeyAndCaseSensitive() {
    Request head = new Request.Builder().url("https://api.example.com/a").head().build();
    Request lowerGet = new Request.Builder().url("https://api.example.com/a").method("get", null)
        .build();
    assertThat(key(head)).isNotEqualTo(key(get("https://api.example.com/a")));
    // RFC 9110 section 9.1: method names are case-sensitive, "get" is not GET.
    assertThat(key(lowerGet)).isNotEqualTo(key(get("https://api.example.com/a")));
  }

  @Test
  void duplicateQueryParametersKeepTheirOrder() {
    assertThat(key(get("https://api.example.com/a?role=admin&role=user")))
        .isNotEqualTo(key(get("https://api.example.com/a?role=user&role=admin")));
    assertThat(key(get("https://api.example.com/a?b=1&role=admin&role=user")))
        .isEqualTo(key(get("https://api.example.com/a?role=admin&b=1&role=user")));
  }

  @Test
  void jsonBodiesWithDuplicateObjectKeysAreKeyedRaw() {
    assertThat(key(postJson("{\"a\":1,\"a\":2}"))).isNotEqualTo(key(postJson("{\"a\":2}")));
    assertThat(key(postJson("{\"a\":1,\"a\":2}")))
        .isNotEqualTo(key(postJson("{\"a\":2,\"a\":1}")));
  }

  @Test
  void anAbsentMatchedHeaderDiffersFromAnEmptyOne() {
    Request absent = get("https://api.example.com/a");
    Request empty = absent.newBuilder().header("Accept", "").build();
    assertThat(key(absent)).isNotEqualTo(key(empty));
  }

  @Test
  void formBodiesAreComparedAsTheyDecode() {
    Request built = new Request.Builder().url("https://api.example.com/q")
        .post(new FormBody.Builder().add("q", "a b+c").add("name", "caf\u00e9").build()).build();
    assertThat(key(form("name=caf%C3%A9&q=a+b%2Bc"))).isEqualTo(key(built));
    assertThat(key(form("q=a%20b%2bc&name=caf%c3%a9"))).isEqualTo(key(built));
    assertThat(key(form("q=a+b+c&name=caf%C3%A9"))).isNotEqualTo(key(built));
    assertThat(key(form("r=1&r=2"))).isNotEqualTo(key(form("r=2&r=1")));
    assertThat(key(form("a=1&api_key=S"))).isEqualTo(key(form("api%5Fkey=T&a=1")));
  }

  @Test
  void credentialsAreKeyedWithAnHmacUnderTheSecret() {
    Request alice = new Request.Builder().url("https://api.example.com/a")
        .header("Authorization", "Basic YWxpY2U6cHc=").build();
    byte[] secret = "a secret shared by the fleet".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Keys one = new Keys(IgnoredParameters.NONE, List.of(), null, secret);
    Keys same = new Keys(IgnoredParameters.NONE, List.of(), null, secret.clone());
    Keys other = new Keys(IgnoredParameters.NONE, List.of(), null,
        "another secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(one.of(alice)).isEqualTo(same.of(alice));
    assertThat(one.of(alice)).isNotEqualTo(other.of(alice));
    // Without a credential the secret plays no part: keys are shared by every process.
    assertThat(one.of(get("https://api.example.com/a"))).isEqualTo(other.of(get("https://api.example.com/a")));
    // A table reader knows the URL and method; without the secret, the plain digest of the
    // parts with a guessed credential does not give the key.
    assertThat(one.of(alice).orElseThrow()).doesNotContain(plainV2Digest(alice));
  }

  @Test
  void customKeyCredentialSuffixIsAnHmacToo() {
    Request alice = new Request.Builder().url("https://api.example.com/a")
        .header("Authorization", "Basic YWxpY2U6cHc=").build();
    Keys one = new Keys(IgnoredParameters.NONE, List.of(), r -> "user-key",
        "s1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Keys other = new Keys(IgnoredParameters.NONE, List.of(), r -> "user-key",
        "s2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(one.of(alice).orElseThrow()).startsWith("user-key#").hasSize(25);
    assertThat(one.of(alice)).isNotEqualTo(other.of(alice));
  }

  @Test
  void anUnknownLengthBodyIsReadOnlyUpToTheLimit() {
    long[] written = new long[1];
    RequestBody huge = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("application/octet-stream");
      }

      @Override
      public void writeTo(BufferedSink sink) throws java.io.IOException {
        byte[] chunk = new byte[8192];
        for (int i = 0; i < 1024; i++) { // 8 MiB if nothing stops it
          sink.write(chunk);
          written[0] += chunk.length;
        }
      }
    };
    Request request = new Request.Builder().url("https://api.example.com/u").post(huge).build();
    assertThat(keys.of(request)).isEmpty();
    assertThat(written[0]).isLessThanOrEqualTo(RequestBodies.MAX_KEYED_BODY_BYTES + 2 * 8192);
  }

  private static String plainV2Digest(Request request) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (String text : List.of("cachedhttp-key-v2", "GET", "https://api.example.com/a", "",
          "authorization", request.header("Authorization"))) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new AssertionError(impossible);
    }
  }

  @Test
  void jsonBodiesAreComparedWithKeysSortedAtEveryDepth() {
    assertThat(key(postJson("{\"a\":1,\"b\":{\"y\":2,\"x\":1}}")))
        .isEqualTo(key(postJson("{\"b\":{\"x\":1,\"y\":2},\"a\":1}")));
    assertThat(key(postJson("{\"a\":1}"))).isNotEqualTo(key(postJson("{\"a\":2}")));
    assertThat(key(postJson("[1,2]"))).isNotEqualTo(key(postJson("[2,1]")));
  }

  @Test
  void ignoredFieldsAreLeftOutOfJsonAndFormBodies() {
    assertThat(key(postJson("{\"q\":1,\"api_key\":\"A\"}")))
        .isEqualTo(key(postJson("{\"api_key\":\"B\",\"q\":1}")));
    Request formA = new Request.Builder().url("https://api.example.com/f")
        .post(new FormBody.Builder().add("b", "2").add("a", "1").add("api_key", "A").build())
        .build();
    Request formB = new Request.Builder().url("https://api.example.com/f")
        .post(new FormBody.Builder().add("api_key", "B").add("a", "1").add("b", "2").build())
        .build();
    assertThat(key(formA)).isEqualTo(key(formB));
  }

  @Test
  void invalidJsonIsKeyedByItsRawBytes() {
    assertThat(key(postJson("{not json"))).isNotEqualTo(key(postJson("{not json ")));
  }

  @Test
  void aJsonBodyAndARawBodyWithTheSameBytesDiffer() {
    Request raw = new Request.Builder().url("https://api.example.com/q")
        .post(RequestBody.create("{\"a\":1}", MediaType.get("text/plain"))).build();
    assertThat(key(raw)).isNotEqualTo(key(postJson("{\"a\":1}")));
  }

  @Test
  void matchedHeadersArePartOfTheKeyOthersAreNot() {
    Request json = new Request.Builder().url("https://api.example.com/a")
        .header("Accept", "application/json").header("X-Trace", "1").build();
    Request xml = new Request.Builder().url("https://api.example.com/a")
        .header("Accept", "application/xml").header("X-Trace", "1").build();
    Request otherTrace = new Request.Builder().url("https://api.example.com/a")
        .header("Accept", "application/json").header("X-Trace", "2").build();
    assertThat(key(json)).isNotEqualTo(key(xml)).isEqualTo(key(otherTrace));
  }

  @Test
  void credentialsAlwaysSeparateKeys() {
    for (String header : List.of("Authorization", "Proxy-Authorization", "Cookie")) {
      Request one = new Request.Builder().url("https://api.example.com/a").header(header, "1")
          .build();
      Request two = new Request.Builder().url("https://api.example.com/a").header(header, "2")
          .build();
      assertThat(key(one)).as(header).isNotEqualTo(key(two))
          .isNotEqualTo(key(get("https://api.example.com/a")));
    }
  }

  @Test
  void partsAreDelimitedSoShiftingBytesBetweenThemChangesTheKey() {
    Request a = new Request.Builder().url("https://api.example.com/ab")
        .post(RequestBody.create("c", MediaType.get("text/plain"))).build();
    Request b = new Request.Builder().url("https://api.example.com/a")
        .post(RequestBody.create("bc", MediaType.get("text/plain"))).build();
    assertThat(key(a)).isNotEqualTo(key(b));
  }

  @Test
  void oneShotAndOversizedBodiesCannotBeKeyed() {
    RequestBody oneShot = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public void writeTo(BufferedSink sink) {
        throw new AssertionError("a one-shot body must not be consumed for keying");
      }

      @Override
      public boolean isOneShot() {
        return true;
      }
    };
    Request oneShotRequest = new Request.Builder().url("https://api.example.com/q")
        .post(oneShot).build();
    Request huge = new Request.Builder().url("https://api.example.com/q")
        .post(RequestBody.create(new byte[(1 << 20) + 1], MediaType.get("text/plain"))).build();

    assertThat(keys.of(oneShotRequest)).isEmpty();
    assertThat(keys.of(huge)).isEmpty();
  }

  @Test
  void aJsonNumberJacksonCannotHoldIsKeyedRawInsteadOfFailing() {
    assertThat(keys.of(postJson("1e9999999999"))).isPresent();
    assertThat(key(postJson("1e9999999999"))).isNotEqualTo(key(postJson("1e9999999998")));
  }

  @Test
  void bodiesTheOriginCanTellApartNeverShareAKey() {
    List<String> bodies = List.of("", " ", "\n", "null", "{}", "{}x", "{} {}", "[]", "0", "\"\"");
    Set<String> distinct = new java.util.HashSet<>();
    for (String body : bodies) {
      distinct.add(key(postJson(body)));
    }
    assertThat(distinct).hasSize(bodies.size());
  }

  @Test
  void percentEncodedBytesThatAreNotUtf8StayDistinct() {
    assertThat(key(get("https://api.example.com/a%FF")))
        .isNotEqualTo(key(get("https://api.example.com/a%FE")));
    assertThat(key(get("https://api.example.com/a?q=%FF")))
        .isNotEqualTo(key(get("https://api.example.com/a?q=%FE")));
    assertThat(key(form("q=%FF"))).isNotEqualTo(key(form("q=%FE")));
  }

  private static Request form(String body) {
    return new Request.Builder().url("https://api.example.com/q")
        .post(RequestBody.create(body, MediaType.get("application/x-www-form-urlencoded")))
        .build();
  }

  @Test
  void keySchemeVersionIsPartOfTheDigest() {
    assertThat(Keys.SCHEME_VERSION).isEqualTo("cachedhttp-key-v3");
    // Known vector, computed outside Java (the README's algorithm): U = the first 32 hex digits
    // of sha256 over the length-prefixed part "https://example.com/"; then "." and the first 32
    // hex digits of sha256 over the parts: the 16 bytes of U, "cachedhttp-key-v3", "GET", "".
    // If it changes, the scheme changed and SCHEME_VERSION must change with it.
    Keys plain = new Keys(IgnoredParameters.NONE, List.of(), null);
    assertThat(plain.of(get("https://example.com/")).orElseThrow())
        .isEqualTo(KNOWN_VECTOR);
  }

  @Test
  void theReadmesKeySectionNamesTheSchemeAndItsExample() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Cache keys"));
    section = section.substring(0, section.indexOf("\n## ", 4));
    assertThat(section).contains("`" + Keys.SCHEME_VERSION + "`").contains("`" + KNOWN_VECTOR + "`")
        .contains("For example the key of `GET https://example.com/` is");
  }

  private static final String KNOWN_VECTOR = 
      "753be4a56acf272b15e6a6abe56049bb.7ab9d61e39e9d6baf2c5f36dfb3f8aee";
}
