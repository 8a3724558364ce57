package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPatternTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "api.example.com/v1/*         | api.example.com/v1/users          | true",
      "api.example.com/v1/*         | api.example.com/v1/users/7        | true",
      "api.example.com/v1/*         | api.example.com/v2/users          | false",
      "api.example.com/v1           | api.example.com/v1/anything?q=1   | true",
      "*.example.com/static/**      | cdn.example.com/static/a/b.css    | true",
      "*.example.com/static/**      | example.com/static/a.css          | false",
      "*.example.com/static/**      | cdn.example.com/img/a.png         | false",
      "api.example.com/*/detail     | api.example.com/users/detail      | true",
      "api.example.com/*/detail     | api.example.com/a/b/detail        | false",
      "api.example.com/**/detail    | api.example.com/a/b/detail        | true",
      "api.example.com/item?        | api.example.com/item7             | true",
      "API.Example.com/x            | api.example.com/x                 | true",
      "localhost:8080/a             | localhost:8080/a/b                | true",
      "localhost:8080/a             | localhost:9090/a                  | false",
      "api.example.com/users        | api.example.com/Users             | false",
      "api.example.com/Users        | api.example.com/users             | false",
      "api.example.com/Users        | API.EXAMPLE.COM/Users             | true",
      "api.example.com/a?q=X        | api.example.com/a?q=x             | false",
      "API.EXAMPLE.COM              | api.example.com/Any/Path          | true",
  })
  void matchesUrlsWithoutScheme(String glob, String url, boolean matches) {
    assertThat(UrlPattern.compile(glob).matches(url)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "https://api.example.com/*", "api.example.com/***",
      "api.example.com/[a-z]", "api example.com", "api.example.com/{a,b}"})
  void rejectsMalformedGlobsNamingThem(String glob) {
    assertThatThrownBy(() -> UrlPattern.compile(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + glob + "'");
  }
}
