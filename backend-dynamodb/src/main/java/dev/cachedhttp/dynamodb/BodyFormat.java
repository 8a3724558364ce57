package dev.cachedhttp.dynamodb;

/**
 * How {@link DynamoDbBackend} stores response bodies; set with {@link
 * DynamoDbBackend.Builder#bodyFormat}.
 */
public enum BodyFormat {
  /**
   * The default: a hit serves exactly the bytes the origin sent. Text in its declared charset
   * (UTF-8 when none is declared) of a textual type ({@code text/*}, JSON, XML, form, JavaScript,
   * YAML, CSV ...) is a String, every other body Binary, and bodies above the compression
   * threshold gzip-compressed Binary.
   */
  EXACT,

  /**
   * A JSON body (UTF-8, of a JSON media type, and one DynamoDB can hold) is a native DynamoDB
   * document (Map or List) so that expressions such as {@code --projection-expression
   * body.address.city} reach into it, as in requests-cache. The body served back is <em>equal as
   * JSON</em> to the origin's but not byte for byte: it is re-encoded compactly, with object keys
   * sorted and numbers in DynamoDB's normalised form, and its {@code Content-Length} is set to
   * the re-encoded size. A response carrying {@code Cache-Control: no-transform}, and every body
   * that is not such JSON, is stored as with {@link #EXACT}.
   */
  JSON_DOCUMENT
}
