package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import okhttp3.FormBody;
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
  void keyIsALowerCaseHexSha256() {
    assertThat(key(get("https://api.example.com/a"))).matches("[0-9a-f]{64}");
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
  void methodIsPartOfTheKeyIgnoringCase() {
    Request head = new Request.Builder().url("https://api.example.com/a").head().build();
    Request lowerGet = new Request.Builder().url("https://api.example.com/a").method("get", null)
        .build();
    assertThat(key(head)).isNotEqualTo(key(get("https://api.example.com/a")));
    assertThat(key(lowerGet)).isEqualTo(key(get("https://api.example.com/a")));
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
    assertThat(Keys.SCHEME_VERSION).isEqualTo("cachedhttp-key-v2");
    // Known vector, computed outside Java as sha256 over the length-prefixed parts
    // "cachedhttp-key-v2", "GET", "https://example.com/", "" (the README's algorithm). If it
    // changes, the scheme changed and SCHEME_VERSION must change with it.
    Keys plain = new Keys(IgnoredParameters.NONE, List.of(), null);
    assertThat(plain.of(get("https://example.com/")).orElseThrow())
        .isEqualTo(KNOWN_VECTOR);
  }

  private static final String KNOWN_VECTOR = 
      "fcaa0ee19f1599a4506f9a5e70606a231c533c2f6ecab4171073205e909b4bb4";
}
