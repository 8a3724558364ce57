package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoredBodiesTest {
  private static final int LIMIT = 64 * 1024;

  /** Text-like bytes that compress well but not to nothing, larger than several segments. */
  private static ByteString body(int size) {
    Random random = new Random(size);
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + random.nextInt(8));
    }
    return ByteString.of(bytes);
  }

  /** A body whose bytes live in several okio segments rather than one array. */
  private static ByteString segmented(ByteString body) {
    Buffer buffer = new Buffer();
    for (int i = 0; i < body.size(); i += 1000) {
      buffer.write(body, i, Math.min(1000, body.size() - i));
    }
    return buffer.readByteString();
  }

  private static ByteString gunzip(byte[] compressed, long limit) {
    return StoredBodies.gunzip(new ByteArrayInputStream(compressed), limit);
  }

  @Test
  void gunzipReadsBackExactlyWhatGzipWrote() {
    ByteString body = body(LIMIT);

    assertThat(gunzip(StoredBodies.gzip(body), LIMIT)).isEqualTo(body);
  }

  @Test
  void gunzipRefusesABodyOneByteBeyondTheLimit() {
    byte[] compressed = StoredBodies.gzip(body(LIMIT + 1));

    assertThatThrownBy(() -> gunzip(compressed, LIMIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gzip body expands beyond " + LIMIT + " bytes");
  }

  @Test
  void gunzipStopsABombSoonAfterTheLimit() {
    byte[] bomb = StoredBodies.gzip(ByteString.of(new byte[64 * 1024 * 1024]));

    assertThat(bomb.length).isLessThan(100_000);
    assertThatThrownBy(() -> gunzip(bomb, LIMIT))
        .hasMessageContaining("expands beyond " + LIMIT);
  }

  static Stream<Arguments> damagedGzip() {
    return Stream.of(
        Arguments.of("a flipped byte in the compressed data",
            (UnaryOperator<byte[]>) b -> flip(b, b.length / 2)),
        Arguments.of("a flipped byte in the stored CRC", (UnaryOperator<byte[]>) b ->
            flip(b, b.length - 6)),
        Arguments.of("the last bytes cut off",
            (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 3)),
        Arguments.of("garbage after the end", (UnaryOperator<byte[]>) b -> {
          byte[] longer = Arrays.copyOf(b, b.length + 4);
          longer[b.length] = 'x';
          return longer;
        }),
        Arguments.of("not gzip at all",
            (UnaryOperator<byte[]>) b -> "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] flip(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x55;
    return copy;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedGzip")
  void damagedGzipIsACorruptBodyNeverOtherBytes(String damage, UnaryOperator<byte[]> change) {
    byte[] compressed = change.apply(StoredBodies.gzip(body(20_000)));

    assertThatThrownBy(() -> gunzip(compressed, LIMIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gzip");
  }

  @Test
  void crc32cIsTheStandardChecksum() {
    // The check value of CRC-32C (Castagnoli) for the ASCII digits 1 to 9.
    assertThat(StoredBodies.crc32c(ByteString.encodeUtf8("123456789"))).isEqualTo(0xE3069283L);
  }

  @Test
  void crc32cOfABodyInSegmentsEqualsThatOfTheSameBytesInOneArray() {
    ByteString body = body(50_000);
    ByteString inSegments = segmented(body);

    assertThat(inSegments.getClass()).isNotEqualTo(body.getClass());
    assertThat(StoredBodies.crc32c(inSegments)).isEqualTo(StoredBodies.crc32c(body));
    assertThat(StoredBodies.crc32c(inSegments.substring(1))).isEqualTo(
        StoredBodies.crc32c(body.substring(1)));
  }

  @Test
  void verifyNamesBothChecksumsWhenTheyDiffer() {
    ByteString body = segmented(body(20_000));
    long actual = StoredBodies.crc32c(body);

    assertThatThrownBy(() -> StoredBodies.verifyCrc32c(body, actual ^ 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Long.toString(actual ^ 1))
        .hasMessageContaining(Long.toString(actual));
  }
}
