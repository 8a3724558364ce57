package dev.cachedhttp.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instant parser agrees with {@link Instant#parse} on everything it accepts. */
class IsoInstantsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:00.250Z",
      "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:34:56.000001Z",
      "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
      "2026-01-01T00:00:00.1Z", "2026-06-30T10:15:30+02:00", "2026-01-01T24:00:00Z",
      "2026-01-01T00:00:00.Z"})
  void agreesWithInstantParse(String text) {
    assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @Test
  void agreesWithInstantParseOnWhatInstantToStringWrites() {
    Random random = new Random(9);
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L,
          random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday-ish", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
      "2026-01-01T00:00:00.1234567890Z", "2026-01-01T0a:00:00Z", "2026-01-01T00:00:0aZ",
      "2026-01-01T00:0a:00Z", "2026-01-01 00:00:00Z", ""})
  void rejectsWhatInstantParseRejects(String text) {
    assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
