package dev.cachedhttp.testkit.dynamodb.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link DynamoDbFaultProxy} does with one request. Immutable.
 *
 * @param kind what happens
 * @param latency how long the proxy waits before forwarding ({@link Kind#LATENCY} only, else zero)
 */
public record Fault(Kind kind, Duration latency) {
  /** The kinds of fault. */
  public enum Kind {
    /** Forward the request and its answer unchanged. */
    NONE,
    /** Wait {@link Fault#latency()}, then forward. */
    LATENCY,
    /** Answer 400 {@code ProvisionedThroughputExceededException} without forwarding. */
    THROTTLE_PROVISIONED,
    /** Answer 400 {@code ThrottlingException} without forwarding. */
    THROTTLE_RATE,
    /** Answer 500 {@code InternalServerError} without forwarding. */
    SERVER_ERROR,
    /** Reset the connection (TCP RST) instead of answering. */
    RESET,
    /** Read the request and never answer; the connection stays open until the client gives up. */
    HANG,
    /** Answer 200 with a body that is not JSON, with a correct {@code x-amz-crc32}. */
    GARBAGE,
    /**
     * Forward, and in the answer of a read ({@code GetItem}, {@code BatchGetItem}, {@code Query})
     * give every item's string attributes other than the key the wrong type, with a correct
     * {@code x-amz-crc32}: a well-formed answer carrying damaged items.
     */
    DAMAGE_ITEMS,
    /**
     * Forward, and in the answer of a read flip one bit of every binary attribute (the chunks of
     * large bodies, compressed and binary bodies), with a correct {@code x-amz-crc32}: items whose
     * shape is right and whose bytes are not.
     */
    DAMAGE_BINARY
  }

  private static final Fault NONE = new Fault(Kind.NONE, Duration.ZERO);

  /** Checks the parts. */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative() || (kind != Kind.LATENCY && !latency.isZero())) {
      throw new IllegalArgumentException("latency " + latency + " does not fit fault " + kind);
    }
  }

  /** No fault. */
  public static Fault none() {
    return NONE;
  }

  /** A fault of {@code kind} other than {@link Kind#LATENCY}. */
  public static Fault of(Kind kind) {
    return new Fault(kind, Duration.ZERO);
  }

  /** Forwarding after {@code latency}. */
  public static Fault latency(Duration latency) {
    return new Fault(Kind.LATENCY, latency);
  }

  @Override
  public String toString() {
    return kind == Kind.LATENCY ? "LATENCY " + latency.toMillis() + " ms" : kind.name();
  }
}
