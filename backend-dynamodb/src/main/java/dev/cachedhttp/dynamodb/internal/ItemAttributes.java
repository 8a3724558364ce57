package dev.cachedhttp.dynamodb.internal;

/**
 * The attribute names of stored items. Response items hold the document fields; redirect items
 * hold {@link #TARGET}; both hold the key attributes and, when they expire, {@link #EVICT_AT} and
 * (with TTL on) {@link TableLayout#TTL_ATTRIBUTE}.
 */
public final class ItemAttributes {
  /** Item format version, a Number; {@value #CURRENT_FORMAT} for items written by this code. */
  public static final String FORMAT = "format";

  /** The format version this code writes: every response item carries {@link #BODY_CRC32C}. */
  public static final int CURRENT_FORMAT = 2;

  /**
   * The oldest format still read: version 1 items have no checksum, {@link #BODY_SIZE}, a
   * {@link #HISTORY} and the request's method and URL always, and JSON bodies as documents.
   */
  public static final int OLDEST_FORMAT = 1;

  /** When the entry becomes useless (ISO-8601, exact); reads past it are misses. */
  public static final String EVICT_AT = "evict_at";

  /** Redirect items: the key the response is stored under. */
  public static final String TARGET = "target";

  /** The redacted response URL (String). */
  public static final String URL = "url";

  /** The request method (String). */
  public static final String METHOD = "method";

  /** The status code (Number). */
  public static final String STATUS = "status";

  /** The reason phrase (String). */
  public static final String REASON = "reason";

  /** The protocol, e.g. {@code http/1.1} (String). */
  public static final String PROTOCOL = "protocol";

  /** Response headers: a Map from header name to a List of String values. */
  public static final String HEADERS = "headers";

  /**
   * The redacted request: a Map with {@link #HEADERS}, and {@link #METHOD} and {@link #URL} when
   * they differ from the response's.
   */
  public static final String REQUEST = "request";

  /** When the request was sent (ISO-8601 String). */
  public static final String REQUEST_SENT_AT = "request_sent_at";

  /** When the response was received (ISO-8601 String). */
  public static final String CREATED_AT = "created_at";

  /** When the response stops being fresh (ISO-8601 String); absent when it never does. */
  public static final String EXPIRES = "expires";

  /**
   * Redirect hops, oldest first: a List of Maps with {@link #URL} and {@link #STATUS}; absent
   * when there were none.
   */
  public static final String HISTORY = "history";

  /** The {@code Vary} generation mark of a response that varies, a String; absent otherwise. */
  public static final String VARIANT_GENERATION = "variant_generation";

  /** The body, in the form {@link #BODY_ENCODING} names; absent for an empty body. */
  public static final String BODY = "body";

  /** How {@link #BODY} is stored: one of the {@link BodyEncoding} names. */
  public static final String BODY_ENCODING = "body_encoding";

  /** CRC32C of the body a read serves (Number, unsigned 32-bit); checked on every read. */
  public static final String BODY_CRC32C = "body_crc32c";

  /** Format 1 only: the decoded body size in bytes (Number). */
  public static final String BODY_SIZE = "body_size";

  private ItemAttributes() {}
}
