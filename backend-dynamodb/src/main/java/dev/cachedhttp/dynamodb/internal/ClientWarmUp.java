package dev.cachedhttp.dynamodb.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Makes a new backend's first reads before a user's call does: the SDK client loads its classes,
 * resolves credentials, signs and opens a connection on the first request, which on a cold JVM
 * takes longer than the read budget. A few {@code BatchGetItem}s of a key no entry uses, each
 * bounded by {@link #TIMEOUT}; the first failure ends the warm-up (a backend that is down is the
 * circuit breaker's business, and must not hold {@code build()} long). Never throws.
 */
public final class ClientWarmUp {
  /** How many requests the warm-up makes at most. */
  public static final int REQUESTS = 3;

  /** The time limit of each warm-up request. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** The sort key the warm-up reads; no entry has it (keys of entries are digests). */
  static final String PROBE_KEY = "cachedhttp:warm-up";

  private static final Logger LOG = LoggerFactory.getLogger(ClientWarmUp.class);

  private ClientWarmUp() {}

  /**
   * Reads the probe key from the partitions of {@code responses} and {@code redirects}.
   *
   * @return how many warm-up requests succeeded
   */
  public static int run(Calls calls, DynamoStorage<?> responses, DynamoStorage<?> redirects) {
    KeysAndAttributes keys = KeysAndAttributes.builder()
        .keys(List.of(responses.primaryKey(PROBE_KEY), redirects.primaryKey(PROBE_KEY)))
        .build();
    Map<String, KeysAndAttributes> request = Map.of(calls.table(), keys);
    AwsRequestOverrideConfiguration timeout = AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(TIMEOUT).build();
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      try {
        calls.client().batchGetItem(r -> r.requestItems(request).overrideConfiguration(timeout));
      } catch (RuntimeException e) {
        LOG.debug("DynamoDB client warm-up on table '{}' stopped after {} request(s): {}",
            calls.table(), i, e.toString());
        return i;
      }
    }
    LOG.debug("DynamoDB client warm-up on table '{}': {} requests in {} ms", calls.table(),
        REQUESTS, (System.nanoTime() - start) / 1_000_000);
    return REQUESTS;
  }

}
