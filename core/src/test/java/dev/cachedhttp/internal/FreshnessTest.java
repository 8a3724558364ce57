package dev.cachedhttp.internal;

import static dev.cachedhttp.internal.TestSettings.NOW;
import static dev.cachedhttp.internal.TestSettings.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreshnessTest {

  /** An HTTP date {@code offsetSeconds} from {@link TestSettings#NOW}. */
  static String date(long offsetSeconds) {
    return HttpDate.format(NOW.plusSeconds(offsetSeconds));
  }

  @ParameterizedTest(name = "Date {0}s, Age {1}, sent {2}s before -> initial age {3}s")
  @CsvSource(value = {
      // date offset (blank: no Date), Age header (blank: none), request sent N s before NOW
      "0,   ,   0, 0",
      "-30, ,   0, 30",
      "10,  ,   0, 0",
      "0,   20, 0, 20",
      "0,   20, 5, 25",
      "-60, 20, 5, 60",
      ",    ,   7, 7",
      "0,   x,  0, 0",
      "0,   -5, 0, 0"})
  void correctedInitialAgeIsTheLargerOfApparentAgeAndAgePlusFlightTime(Long dateOffset,
      String age, long flightSeconds, long expected) {
    Headers.Builder h = new Headers.Builder();
    if (dateOffset != null) {
      h.add("Date", date(dateOffset));
    }
    if (age != null) {
      h.add("Age", age);
    }
    Duration initial = Freshness.correctedInitialAge(h.build(), NOW.minusSeconds(flightSeconds),
        NOW);
    assertThat(initial).isEqualTo(Duration.ofSeconds(expected));
  }

  @ParameterizedTest(name = "Cache-Control \"{0}\", Expires {1}, Date {2} -> lifetime {3}")
  @CsvSource(delimiter = '|', value = {
      "max-age=60 |      |      | 60",
      "max-age=60 | 3600 | 0    | 60",
      "           | 3600 | 0    | 3600",
      "           | 3600 | -600 | 4200",
      "           | 3600 |      | 3600",
      "           | -10  | 0    | 0",
      "           | bad  | 0    | 0",
      "           | 0-0  | 0    | 0",
      "max-age=x  | 3600 | 0    | 0",
      "public     |      | 0    | -1"})
  void explicitLifetimeIsMaxAgeElseExpiresMinusDate(String cacheControl, String expires,
      String date, long expected) {
    Headers.Builder h = new Headers.Builder();
    if (cacheControl != null) {
      h.add("Cache-Control", cacheControl);
    }
    if ("bad".equals(expires)) {
      h.add("Expires", "not a date");
    } else if ("0-0".equals(expires)) {
      h.add("Expires", "0");
    } else if (expires != null) {
      h.add("Expires", date(Long.parseLong(expires)));
    }
    if (date != null) {
      h.add("Date", date(Long.parseLong(date)));
    }
    Headers headers = h.build();
    Optional<Duration> lifetime = Freshness.explicitLifetime(headers,
        CacheDirectives.of(headers), NOW);
    assertThat(lifetime.map(Duration::getSeconds).orElse(-1L)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "status {0}, Last-Modified {1}s ago, cc \"{2}\" -> heuristic {3}")
  @CsvSource(delimiter = '|', value = {
      "200 | 1000     |            | 100",
      "404 | 1000     |            | 100",
      "301 | 10000000 |            | 86400",
      "200 | 0        |            | -1",
      "200 |          |            | -1",
      "200 | 1000     | max-age=5  | -1",
      "500 | 1000     |            | -1",
      "500 | 1000     | public     | 100",
      "206 | 1000     |            | -1"})
  void heuristicFreshnessIsTenPercentOfTheAgeOfLastModifiedWhereAllowed(int status,
      Long modifiedSecondsAgo, String cacheControl, long expected) {
    Headers.Builder h = new Headers.Builder().add("Date", date(0));
    if (modifiedSecondsAgo != null) {
      h.add("Last-Modified", date(-modifiedSecondsAgo));
    }
    if (cacheControl != null) {
      h.add("Cache-Control", cacheControl);
    }
    Headers headers = h.build();
    Optional<Duration> lifetime = Freshness.heuristicLifetime(status, headers,
        CacheDirectives.of(headers), NOW);
    assertThat(lifetime.map(Duration::getSeconds).orElse(-1L)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "stored {0}s ago with Age {1} -> current age {2}s")
  @CsvSource(value = {"0,0,0", "100,0,100", "100,50,150"})
  void currentAgeAddsTheTimeStored(long storedSecondsAgo, long ageHeader, long expected) {
    Instant received = NOW.minusSeconds(storedSecondsAgo);
    dev.cachedhttp.spi.CachedResponse cached = dev.cachedhttp.spi.CachedResponse.builder()
        .url("https://e.com/").method("GET").status(200)
        .headers(headers("Age", String.valueOf(ageHeader)))
        .requestSentAt(received).createdAt(received).build();
    assertThat(Freshness.currentAge(cached, NOW)).isEqualTo(Duration.ofSeconds(expected));
  }
}
