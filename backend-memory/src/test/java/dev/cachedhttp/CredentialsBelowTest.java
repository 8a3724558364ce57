package dev.cachedhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * Credentials that OkHttp adds below the cache's application interceptor (an {@code
 * Authenticator}, a {@code CookieJar}, a network interceptor) are not in the key the cache looked
 * up, so an answer fetched with them is never stored and never served to another caller; a
 * redirect alias never leads a caller without the credentials of the stored entry to it.
 */
class CredentialsBelowTest extends OriginFixture {

  private static MockResponse challenge() {
    return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=x")
        .body("who are you?").build();
  }

  @Test
  void anAnswerFetchedThroughAnAuthenticatorIsNotStoredUnderTheAnonymousKey() throws Exception {
    origin.enqueue(challenge());
    origin.enqueue(ok("alice's private statement"));
    origin.enqueue(ok("public page"));
    cached = builder().build();
    OkHttpClient alice = cached.client(new OkHttpClient.Builder()
        .authenticator((route, response) -> response.request().newBuilder()
            .header("Authorization", Credentials.basic("alice", "pw")).build())
        .build());

    Result asAlice = get(alice, "/statement");
    Result anonymous = get(cached.client(), "/statement");

    assertThat(asAlice.body()).isEqualTo("alice's private statement");
    assertThat(asAlice.info().stored()).isFalse();
    assertThat(anonymous.body()).isEqualTo("public page");
    assertThat(anonymous.info().fromCache()).isFalse();
    assertThat(origin.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anAnswerToARequestACookieJarAddedCookiesToIsNotStored() throws Exception {
    enqueue("alice's cart", "empty cart");
    cached = builder().build();
    OkHttpClient withJar = cached.client(new OkHttpClient.Builder().cookieJar(new CookieJar() {
      @Override
      public void saveFromResponse(HttpUrl url, List<Cookie> cookies) {}

      @Override
      public List<Cookie> loadForRequest(HttpUrl url) {
        return List.of(new Cookie.Builder().name("session").value("alice")
            .domain(url.host()).build());
      }
    }).build());

    Result asAlice = get(withJar, "/cart");
    Result anonymous = get(cached.client(), "/cart");

    assertThat(origin.takeRequest().getHeaders().get("Cookie")).isEqualTo("session=alice");
    assertThat(asAlice.info().stored()).isFalse();
    assertThat(anonymous.body()).isEqualTo("empty cart");
    assertThat(anonymous.info().fromCache()).isFalse();
  }

  @Test
  void anAnswerToARequestANetworkInterceptorAddedCredentialsToIsNotStored() throws Exception {
    enqueue("token holder's data", "anonymous data");
    cached = builder().build();
    OkHttpClient signed = cached.client(new OkHttpClient.Builder()
        .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", "Bearer s3cret").build()))
        .build());

    Result withToken = get(signed, "/data");
    Result anonymous = get(cached.client(), "/data");

    assertThat(withToken.info().stored()).isFalse();
    assertThat(anonymous.body()).isEqualTo("anonymous data");
  }

  @Test
  void credentialsTheCallerSentThemselvesAreKeyedAndStored() throws Exception {
    enqueue("alice's data", "bob's data");
    OkHttpClient client = client(builder());
    Request alice = new Request.Builder().url(origin.url("/me"))
        .header("Authorization", Credentials.basic("alice", "pw")).build();
    Request bob = new Request.Builder().url(origin.url("/me"))
        .header("Authorization", Credentials.basic("bob", "pw")).build();

    call(client, alice);
    Result again = call(client, alice);
    Result asBob = call(client, bob);

    assertThat(again.info().fromCache()).isTrue();
    assertThat(again.body()).isEqualTo("alice's data");
    assertThat(asBob.body()).isEqualTo("bob's data");
  }

  @Test
  void aRedirectToAnotherHostLeavesNoAliasFromTheUncredentialedHopToTheCredentialedEntry()
      throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      // OkHttp drops Authorization when it follows a redirect to another host.
      HttpUrl elsewhere = other.url("/shared").newBuilder().host("127.0.0.1").build();
      origin.enqueue(new MockResponse.Builder().code(302)
          .addHeader("Location", elsewhere.toString()).build());
      other.enqueue(ok("page behind the redirect"));
      other.enqueue(ok("page for anyone"));
      OkHttpClient client = client(builder());
      Request alice = new Request.Builder().url(origin.url("/start"))
          .header("Authorization", Credentials.basic("alice", "pw")).build();

      Result first = call(client, alice);
      RecordedRequest atOther = other.takeRequest();
      Result anonymous = call(client, new Request.Builder().url(elsewhere).build());

      assertThat(first.info().stored()).isTrue();
      assertThat(atOther.getHeaders().get("Authorization")).isNull();
      assertThat(backend.redirects().count()).isZero();
      assertThat(anonymous.info().fromCache()).isFalse();
      assertThat(anonymous.body()).isEqualTo("page for anyone");
    }
  }

  @Test
  void aRedirectOnTheSameHostKeepsItsAliasForTheSameCredentials() throws IOException {
    origin.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/target").build());
    enqueue("target");
    OkHttpClient client = client(builder());
    Request alice = new Request.Builder().url(origin.url("/start"))
        .header("Authorization", Credentials.basic("alice", "pw")).build();

    call(client, alice);
    Result viaAlias = call(client, alice.newBuilder().url(origin.url("/target")).build());

    assertThat(viaAlias.info().fromCache()).isTrue();
    assertThat(viaAlias.body()).isEqualTo("target");
  }
}
