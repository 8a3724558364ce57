package dev.cachedhttp.dynamodb.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Makes a new backend's first reads before a user's call does: the SDK client loads its classes,
 * resolves credentials, signs and opens a connection on the first request, which on a cold JVM
 * takes longer than the read budget. A few reads of a key no entry uses, in the shapes a
 * lookup uses ({@code GetItem}, {@code BatchGetItem}, {@code GetItem}), each bounded by {@link
 * #TIMEOUT}; the first failure ends the warm-up (a backend that is down is the circuit breaker's
 * business, and must not hold {@code build()} long). Never throws.
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
    Map<String, AttributeValue> probe = responses.primaryKey(PROBE_KEY);
    Map<String, KeysAndAttributes> both = Map.of(calls.table(), KeysAndAttributes.builder()
        .keys(List.of(probe, redirects.primaryKey(PROBE_KEY))).build());
    AwsRequestOverrideConfiguration timeout = AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(TIMEOUT).build();
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      try {
        if (i % 2 == 0) {
          calls.client().getItem(r -> r.tableName(calls.table()).key(probe)
              .overrideConfiguration(timeout));
        } else {
          calls.client().batchGetItem(r -> r.requestItems(both).overrideConfiguration(timeout));
        }
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
