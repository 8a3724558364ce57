package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor(
      new IgnoredParameters(Set.of("api_key", "X-Api-Key")));

  @Test
  void urlLosesUserInfoFragmentAndIgnoredParameters() {
    HttpUrl url = HttpUrl.get("https://me:pw@api.example.com/a?q=1&api_key=S&r=2#top");
    assertThat(redactor.url(url)).isEqualTo("https://api.example.com/a?q=1&r=2");
  }

  @Test
  void requestCredentialsAndIgnoredHeadersAreReplaced() {
    Headers redacted = redactor.requestHeaders(Headers.of("Authorization", "Bearer T",
        "cookie", "c=1", "Proxy-Authorization", "Basic P", "x-api-key", "K", "Accept", "a/b"));
    assertThat(redacted.values("Authorization")).containsExactly(Redactor.REDACTED);
    assertThat(redacted.values("Cookie")).containsExactly(Redactor.REDACTED);
    assertThat(redacted.values("Proxy-Authorization")).containsExactly(Redactor.REDACTED);
    assertThat(redacted.values("X-Api-Key")).containsExactly(Redactor.REDACTED);
    assertThat(redacted.values("Accept")).containsExactly("a/b");
  }

  @Test
  void responseCookiesAreDroppedAndLocationsCleaned() {
    HttpUrl base = HttpUrl.get("https://api.example.com/start");
    Headers redacted = redactor.responseHeaders(Headers.of("Set-Cookie", "s=1",
        "Location", "/next?api_key=S&page=2", "Content-Location", "/plain",
        "X-Api-Key", "K", "ETag", "\"v\""), base);
    assertThat(redacted.names()).doesNotContain("Set-Cookie");
    assertThat(redacted.get("Location")).isEqualTo("https://api.example.com/next?page=2");
    assertThat(redacted.get("Content-Location")).isEqualTo("/plain");
    assertThat(redacted.get("X-Api-Key")).isEqualTo(Redactor.REDACTED);
    assertThat(redacted.get("ETag")).isEqualTo("\"v\"");
  }
}
