package dev.cachedhttp.dynamodb.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB client a backend owns: the Apache HTTP client (the fastest of the SDK's
 * synchronous clients on the hit path, measured in {@code bench}: about half the time per
 * request of the URL-connection client, with pooled keep-alive connections) with a
 * {@value #CONNECT_TIMEOUT_MILLIS} ms connect timeout and a {@value #SOCKET_TIMEOUT_MILLIS} ms
 * socket timeout, and the SDK's standard retry strategy (throttling-aware backoff, retry token
 * bucket) limited to {@value #MAX_ATTEMPTS} attempts per call.
 */
public final class ClientFactory {
  /** Attempts per call, the first included. */
  public static final int MAX_ATTEMPTS = 3;

  static final long CONNECT_TIMEOUT_MILLIS = 1_000;
  static final long SOCKET_TIMEOUT_MILLIS = 5_000;

  private ClientFactory() {}

  /**
   * Builds a client; {@code null} arguments take the SDK defaults (region and credentials
   * chains, the region's endpoint).
   *
   * @throws IllegalStateException when no region is given and the SDK finds none
   */
  public static DynamoDbClient create(Region region, URI endpoint,
      AwsCredentialsProvider credentials) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .httpClientBuilder(ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
            .socketTimeout(Duration.ofMillis(SOCKET_TIMEOUT_MILLIS)))
        .overrideConfiguration(o -> o.retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));
    if (region != null) {
      builder.region(region);
    }
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new IllegalStateException("cannot build a DynamoDB client: " + e.getMessage()
          + " (set region(...) on the builder, or AWS_REGION)", e);
    }
  }

  /**
   * Checks that {@code client} is for {@code region}.
   *
   * @throws IllegalStateException naming both regions when it is not
   */
  public static void checkRegion(DynamoDbClient client, Region region) {
    Region own = client.serviceClientConfiguration().region();
    if (!region.equals(own)) {
      throw new IllegalStateException("region(" + region.id() + ") differs from the region of "
          + "the client passed to client(...), " + (own == null ? "none" : own.id())
          + ": drop region(...) or pass a client for " + region.id());
    }
  }
}
