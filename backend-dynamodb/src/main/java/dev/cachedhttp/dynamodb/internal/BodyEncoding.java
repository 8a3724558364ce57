package dev.cachedhttp.dynamodb.internal;

import java.util.Locale;

/** How a response body is stored in the {@link ItemAttributes#BODY} attribute. */
enum BodyEncoding {
  /**
   * A JSON document as a native DynamoDB Map or List; served re-encoded (JSON-equal, not
   * byte-equal). Written only with {@code BodyFormat.JSON_DOCUMENT}.
   */
  JSON,
  /** Text as a String, encoded on read in the charset of the {@code Content-Type}. */
  TEXT,
  /** Raw bytes as Binary. */
  BINARY,
  /** Gzip-compressed bytes as Binary. */
  GZIP,
  /** An empty body; no body attribute. */
  EMPTY;

  private static final BodyEncoding[] ALL = values();

  private final String attributeValue = name().toLowerCase(Locale.ROOT);

  /** The value stored in {@link ItemAttributes#BODY_ENCODING}, e.g. {@code text}. */
  public String attributeValue() {
    return attributeValue;
  }

  /**
   * Returns the encoding stored as {@code value}.
   *
   * @throws IllegalArgumentException for an unknown value
   */
  public static BodyEncoding fromAttributeValue(String value) {
    for (BodyEncoding encoding : ALL) {
      if (encoding.attributeValue().equals(value)) {
        return encoding;
      }
    }
    throw new IllegalArgumentException("unknown body encoding \"" + value + "\"");
  }
}
