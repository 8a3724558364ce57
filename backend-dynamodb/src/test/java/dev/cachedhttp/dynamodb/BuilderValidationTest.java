package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.dynamodb.internal.Partitions;
import dev.cachedhttp.spi.StorageException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuilderValidationTest {

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("tableName", b -> b.tableName("ab"), "\"ab\""),
        bad("tableName", b -> b.tableName("has space"), "\"has space\""),
        bad("region", b -> b.region("US East"), "\"US East\""),
        bad("endpointOverride", b -> b.endpointOverride(URI.create("ftp://x")), "ftp://x"),
        bad("endpointOverride", b -> b.endpointOverride(URI.create("localhost:8000")),
            "localhost:8000"),
        bad("cacheName", b -> b.cacheName(""), "\"\""),
        bad("cacheName", b -> b.cacheName("my:app"), "\"my:app\""),
        bad("cacheName", b -> b.cacheName("x".repeat(65)), "x".repeat(65)),
        bad("partitionShards", b -> b.partitionShards(0), "was 0"),
        bad("partitionShards", b -> b.partitionShards(101), "was 101"),
        bad("compressAbove", b -> b.compressAbove(-1), "was -1"),
        bad("maxBodyBytes", b -> b.maxBodyBytes(-5), "was -5"),
        bad("maxBodyBytes", b -> b.maxBodyBytes(DynamoDbBackend.MAX_MAX_BODY_BYTES + 1),
            "was " + (DynamoDbBackend.MAX_MAX_BODY_BYTES + 1)),
        bad("readTimeout", b -> b.readTimeout(Duration.ofMillis(5)), "PT0.005S"),
        bad("readAttemptTimeout", b -> b.readAttemptTimeout(Duration.ofMillis(9)), "PT0.009S"),
        bad("writeTimeout", b -> b.writeTimeout(Duration.ofMinutes(2)), "PT2M"));
  }

  private static Arguments bad(String setting, Consumer<DynamoDbBackend.Builder> set,
      String named) {
    return Arguments.of(setting, set, named);
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("badSettings")
  void badValuesAreRejectedNamingSettingAndValue(String setting,
      Consumer<DynamoDbBackend.Builder> set, String named) {
    assertThatThrownBy(() -> set.accept(DynamoDbBackend.builder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(setting)
        .hasMessageContaining(named);
  }

  @Test
  void nullsAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> DynamoDbBackend.builder().client(null))
        .isInstanceOf(NullPointerException.class).hasMessage("client");
    assertThatThrownBy(() -> DynamoDbBackend.builder().clock(null))
        .isInstanceOf(NullPointerException.class).hasMessage("clock");
  }

  @Test
  void aClientCannotBeCombinedWithClientSettings() {
    DynamoDbBackend.Builder builder = DynamoDbBackend.builder()
        .client(LocalTables.local().client())
        .credentialsProvider(LocalTables.local().credentials());

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("client(...) cannot be combined");
  }

  @Test
  void aRegionEqualToTheClientsIsAcceptedWithAClient() {
    String table = LocalTables.tableWithoutTtlDeletion("sameregion");
    try (DynamoDbBackend backend = DynamoDbBackend.builder()
        .client(LocalTables.local().client())
        .region(LocalTables.local().region().id())
        .tableName(table)
        .createTable(false)
        .build()) {
      assertThat(backend.responses().count()).isZero();
    }
  }

  @Test
  void aRegionOtherThanTheClientsIsRejectedNamingBoth() {
    DynamoDbBackend.Builder builder = DynamoDbBackend.builder()
        .client(LocalTables.local().client())
        .region("eu-west-3");

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("eu-west-3")
        .hasMessageContaining(LocalTables.local().region().id());
  }

  @Test
  void aReadAttemptTimeoutLongerThanTheReadTimeoutIsRejectedNamingBoth() {
    DynamoDbBackend.Builder builder = DynamoDbBackend.builder()
        .client(LocalTables.local().client()).createTable(false)
        .readTimeout(Duration.ofMillis(200)).readAttemptTimeout(Duration.ofMillis(300));

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("readAttemptTimeout (PT0.3S)")
        .hasMessageContaining("readTimeout (PT0.2S)");
  }

  @Test
  void createTableFalseBuildsWithoutTouchingDynamoDbAndCloseLeavesAPassedClientOpen() {
    RecordingClient recording = new RecordingClient();
    try (DynamoDbBackend backend = DynamoDbBackend.builder().client(recording.client())
        .createTable(false).build()) {
      assertThat(backend.tableName()).isEqualTo(DynamoDbBackend.DEFAULT_TABLE_NAME);
      assertThat(backend.maxBodyBytes()).isEqualTo(DynamoDbBackend.DEFAULT_MAX_BODY_BYTES);
    }
    assertThat(recording.operations()).isEmpty();
    assertThat(recording.client().listTables().tableNames()).isNotNull();
    recording.close();
  }

  @Test
  void closeClosesAClientTheBackendBuiltSoLaterCallsFailAsStorageExceptions() {
    String table = LocalTables.tableWithoutTtlDeletion("closed");
    DynamoDbBackend backend = LocalTables.backend(table, Clock.systemUTC()).build();
    assertThat(backend.responses().count()).isZero();

    backend.close();
    backend.close();

    assertThatThrownBy(() -> backend.responses().get("k"))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void shardedNamespacesAreNamedWithPrefixAndTwoDigitSuffix() {
    Partitions partitions = new Partitions("responses", "myapp", 4);

    assertThat(partitions.all()).containsExactly(
        "myapp:responses#00", "myapp:responses#01", "myapp:responses#02", "myapp:responses#03");
    assertThat(partitions.partitionOf("some-key")).isIn(partitions.all());
    assertThat(partitions.partitionOf("some-key")).isEqualTo(partitions.partitionOf("some-key"));
    assertThat(IntStream.range(0, 200).mapToObj(i -> partitions.partitionOf("key-" + i)))
        .containsAll(partitions.all());
    assertThat(new Partitions("redirects", null, 1).all()).containsExactly("redirects");
  }
}
