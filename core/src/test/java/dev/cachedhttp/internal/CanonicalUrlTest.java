package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalUrlTest {

  private static String canonical(String url) {
    return CanonicalUrl.of(HttpUrl.get(url), Set.of("api_key")::contains);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "HTTP://Example.COM/a                  | http://example.com/a",
      "http://example.com:80/a               | http://example.com/a",
      "https://example.com:443/a             | https://example.com/a",
      "https://example.com:8443/a            | https://example.com:8443/a",
      "http://example.com                    | http://example.com/",
      "http://example.com/a/                 | http://example.com/a/",
      "http://example.com/%7euser            | http://example.com/~user",
      "http://example.com/a%2fb              | http://example.com/a%2Fb",
      "http://example.com/caf%c3%a9          | http://example.com/caf%C3%A9",
      "http://example.com/?b=2&a=1           | http://example.com/?a=1&b=2",
      "http://example.com/?a=2&a=1&a=2       | http://example.com/?a=2&a=1&a=2",
      "http://example.com/?b=1&a=2&b=0       | http://example.com/?a=2&b=1&b=0",
      "http://example.com/?flag&a=&b         | http://example.com/?a=&b&flag",
      "http://example.com/?q=a+b             | http://example.com/?q=a+b",
      "http://example.com/%41%2d%5F%7E%2b    | http://example.com/A-_~%2B",
      "http://example.com/?q=a%20b           | http://example.com/?q=a%20b",
      "http://example.com/?api_key=S&q=1     | http://example.com/?q=1",
      "http://user:pw@example.com/x#frag     | http://example.com/x",
      "http://[::1]:8080/x                   | http://[::1]:8080/x",
  })
  void normalisesUrls(String input, String expected) {
    assertThat(canonical(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(delimiter = '|', value = {
      "http://example.com/a      | http://example.com/a/",
      "http://example.com/?a     | http://example.com/?a=",
      "http://example.com/a%2Fb  | http://example.com/a/b",
      "http://example.com/?a=1   | https://example.com/?a=1",
      "http://example.com/?A=1   | http://example.com/?a=1",
      "http://example.com/a%FF   | http://example.com/a%FE",
      "http://example.com/?%FF=1 | http://example.com/?%FE=1",
      "http://example.com/?a=%FF | http://example.com/?a=%FE",
      "http://example.com/?a=+   | http://example.com/?a=%20",
      "http://example.com/?a=+   | http://example.com/?a=%2B",
      "http://example.com/a+b    | http://example.com/a%2Bb",
      "http://example.com/?a=%26 | http://example.com/?a=&",
  })
  void keepsMeaningfulDifferences(String one, String other) {
    assertThat(canonical(one)).isNotEqualTo(canonical(other));
  }
}
