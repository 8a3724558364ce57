package dev.cachedhttp.internal;

import static dev.cachedhttp.internal.CacheDirectives.ABSENT;
import static dev.cachedhttp.internal.CacheDirectives.ANY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CacheDirectivesTest {

  private static CacheDirectives parse(String... lines) {
    Headers.Builder headers = new Headers.Builder();
    for (String line : lines) {
      headers.add("Cache-Control", line);
    }
    return CacheDirectives.of(headers.build());
  }

  @ParameterizedTest(name = "max-age in \"{0}\" is {1}")
  @CsvSource(delimiter = '|', value = {
      "max-age=60                     | 60",
      "MAX-AGE=60                     | 60",
      "max-age=\"60\"                 | 60",
      "max-age=0                      | 0",
      "max-age=abc                    | 0",
      "max-age=60.5                   | 0",
      "max-age=-1                     | 0",
      "max-age=                       | 0",
      "max-age                        | 0",
      "max-age=60, max-age=60         | 60",
      "max-age=60, max-age=120        | 0",
      "max-age=99999999999999999999   | 2147483648",
      "public, s-maxage=600           | -1",
      "no-cache                       | -1"})
  void maxAgeIsReadAsTheRfcSays(String value, long expected) {
    assertThat(parse(value).maxAge()).isEqualTo(expected);
  }

  static Stream<Arguments> flags() {
    return Stream.of(
        Arguments.of("no-store", "noStore"),
        Arguments.of("no-cache", "noCache"),
        Arguments.of("no-cache=\"Set-Cookie, X-Foo\"", "noCache"),
        Arguments.of("must-revalidate", "mustRevalidate"),
        Arguments.of("public", "isPublic"),
        Arguments.of("immutable", "immutable"),
        Arguments.of("only-if-cached", "onlyIfCached"),
        Arguments.of(" No-Store ", "noStore"));
  }

  @ParameterizedTest(name = "\"{0}\" sets {1}")
  @MethodSource("flags")
  void flagDirectivesAreRecognisedIgnoringCase(String value, String flag) {
    CacheDirectives d = parse(value);
    Map<String, Boolean> all = Map.of("noStore", d.noStore(), "noCache", d.noCache(),
        "mustRevalidate", d.mustRevalidate(), "isPublic", d.isPublic(),
        "immutable", d.immutable(), "onlyIfCached", d.onlyIfCached());
    all.forEach((name, set) -> assertThat(set).as(name).isEqualTo(name.equals(flag)));
  }

  @ParameterizedTest(name = "\"{0}\" -> max-stale {1}, min-fresh {2}, sie {3}, swr {4}")
  @CsvSource(delimiter = '|', value = {
      "max-stale                                   | " + ANY + " | -1 | -1 | -1",
      "max-stale=30                                | 30 | -1 | -1 | -1",
      "max-stale=30, max-stale=10                  | 10 | -1 | -1 | -1",
      "max-stale=x                                 | -1 | -1 | -1 | -1",
      "min-fresh=5, min-fresh=9                    | -1 | 9  | -1 | -1",
      "min-fresh=bad                               | -1 | -1 | -1 | -1",
      "stale-if-error=600                          | -1 | -1 | 600 | -1",
      "stale-if-error=600, stale-if-error=60       | -1 | -1 | 60 | -1",
      "stale-while-revalidate=30                   | -1 | -1 | -1 | 30",
      "stale-while-revalidate=\"30\"               | -1 | -1 | -1 | 30",
      "stale-while-revalidate=never                | -1 | -1 | -1 | -1"})
  void argumentDirectivesKeepTheMostRestrictiveValidValue(String value, long maxStale,
      long minFresh, long staleIfError, long staleWhileRevalidate) {
    CacheDirectives d = parse(value);
    assertThat(d.maxStale()).isEqualTo(maxStale);
    assertThat(d.minFresh()).isEqualTo(minFresh);
    assertThat(d.staleIfError()).isEqualTo(staleIfError);
    assertThat(d.staleWhileRevalidate()).isEqualTo(staleWhileRevalidate);
  }

  @Test
  void directivesAreCollectedAcrossHeaderLines() {
    CacheDirectives d = parse("public", "max-age=300, stale-if-error=60", "immutable");

    assertThat(d.isPublic()).isTrue();
    assertThat(d.maxAge()).isEqualTo(300);
    assertThat(d.staleIfError()).isEqualTo(60);
    assertThat(d.immutable()).isTrue();
  }

  @Test
  void noHeaderMeansNoDirectives() {
    assertThat(CacheDirectives.of(Headers.of())).isEqualTo(CacheDirectives.NONE);
    assertThat(CacheDirectives.NONE.maxAge()).isEqualTo(ABSENT);
  }

  @Test
  void commasInsideQuotedValuesDoNotSplitDirectives() {
    assertThat(DirectiveParser.parse(List.of("no-cache=\"a, b\", max-age=5, x=\"q\\\"uote\"")))
        .containsEntry("no-cache", List.of("a, b"))
        .containsEntry("max-age", List.of("5"))
        .containsEntry("x", List.of("q\"uote"))
        .hasSize(3);
  }

  @ParameterizedTest(name = "delta-seconds \"{0}\" = {1}")
  @CsvSource(value = {"0,0", "15,15", "007,7", "2147483648,2147483648",
      "2147483649,2147483648", "'',-1", "1e3,-1", "+5,-1", "' 5',-1"})
  void deltaSecondsAreNonNegativeIntegersCappedAtTwoToTheThirtyOne(String text, long expected) {
    assertThat(CacheDirectives.deltaSeconds(text)).isEqualTo(expected);
  }
}
