package dev.cachedhttp.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one expiry test: an entry expiring at or before now is expired, one without expiry never. */
class StorageIsExpiredTest {
  private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(null, false),
        Arguments.of(NOW.minusSeconds(60), true),
        Arguments.of(NOW.minusNanos(1), true),
        Arguments.of(NOW, true),
        Arguments.of(NOW.plusNanos(1), false),
        Arguments.of(Instant.MAX, false),
        Arguments.of(Instant.MIN, true));
  }

  @ParameterizedTest(name = "expires {0}: expired {1}")
  @MethodSource("cases")
  void anEntryIsExpiredFromItsExpiryOn(Instant expiresAt, boolean expired) {
    assertThat(Storage.isExpired(expiresAt, NOW)).isEqualTo(expired);
    assertThat(new StoredValue(TextNode.valueOf("v"), Instant.EPOCH, expiresAt, null)
        .isExpired(NOW)).isEqualTo(expired);
  }
}
