package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.net.URI;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The backend against DynamoDB Local in Docker ({@value #IMAGE}). Skipped, not failed, where no
 * Docker engine is available; the in-process DynamoDB Local covers everything else.
 */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbLocalContainerTest {
  static final String IMAGE = "amazon/dynamodb-local:2.6.1";
  private static final int PORT = 8000;

  @Container
  private static final GenericContainer<?> DYNAMODB =
      new GenericContainer<>(DockerImageName.parse(IMAGE))
          .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb")
          .withExposedPorts(PORT)
          .waitingFor(Wait.forListeningPort());

  @Test
  void createsTheTableAndRoundTripsAResponse() {
    MutableClock clock = MutableClock.create();
    URI endpoint = URI.create("http://" + DYNAMODB.getHost() + ":" + DYNAMODB.getMappedPort(PORT));
    try (DynamoDbBackend backend = DynamoDbBackend.builder()
        .readTimeout(LocalTables.TEST_READ_TIMEOUT)
        .readAttemptTimeout(LocalTables.TEST_READ_TIMEOUT)
        .endpointOverride(endpoint)
        .region(DynamoDbLocal.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            DynamoDbLocal.ACCESS_KEY_ID, DynamoDbLocal.SECRET_ACCESS_KEY)))
        .clock(clock)
        .build()) {
      CachedResponse response = CachedResponse.builder().url("https://example.com/a")
          .method("GET").status(200).body(ByteString.encodeUtf8("{\"a\":[1,2]}"))
          .headers(Headers.of("Content-Type", "application/json"))
          .createdAt(clock.instant()).build();
      backend.responses().put("k", response, null);

      assertThat(backend.lookup("k").orElseThrow().response().body().utf8())
          .isEqualTo("{\"a\":[1,2]}");
      assertThat(backend.responses().count()).isEqualTo(1);
    }
  }
}
