package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY_CRC32C;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY_ENCODING;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.CREATED_AT;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.EVICT_AT;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.EXPIRES;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.HEADERS;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.HISTORY;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.METHOD;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.PROTOCOL;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.REASON;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.REQUEST;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.REQUEST_SENT_AT;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.STATUS;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.URL;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.VARIANT_GENERATION;
import static dev.cachedhttp.dynamodb.internal.ResponseItemCodec.CONTENT_TYPE;

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import dev.cachedhttp.spi.StoredRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okio.ByteString;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a response item back, checking before anything is returned that every attribute has its
 * type, the required ones are present, the body encoding is known and matches the body's type,
 * and (from format 2 on) that the body read back has the stored CRC32C. Items of format 1 (no
 * checksum) still read. Thread-safe.
 */
final class ResponseItemReader {
  private final BodyCodec bodies;

  ResponseItemReader(BodyCodec bodies) {
    this.bodies = bodies;
  }

  /**
   * Returns the response {@code item} holds.
   *
   * @throws IllegalArgumentException when the item is malformed or its body fails the checksum
   */
  CachedResponse read(Map<String, AttributeValue> item) {
    Attributes a = new Attributes(item);
    int format = a.checkFormat();
    a.optionalString(EVICT_AT, null);
    Headers headers = HeaderAttributes.fromAttribute(a.required(HEADERS));
    BodyEncoding encoding = BodyEncoding.fromAttributeValue(a.string(BODY_ENCODING));
    ByteString body = bodies.decode(encoding, item.get(BODY), headers.get(CONTENT_TYPE));
    if (format >= 2) {
      Checksums.verify(body, a.unsignedInt(BODY_CRC32C));
    }
    if (encoding == BodyEncoding.JSON) {
      headers = ResponseItemCodec.withContentLength(headers, body.size());
    }
    String url = a.string(URL);
    String method = a.string(METHOD);
    Attributes request = a.map(REQUEST);
    return CachedResponse.builder()
        .url(url)
        .method(method)
        .status(a.integer(STATUS))
        .message(a.optionalString(REASON, ""))
        .protocol(a.optionalString(PROTOCOL, null))
        .headers(headers)
        .body(body)
        .request(new StoredRequest(request.optionalString(METHOD, method),
            request.optionalString(URL, url),
            HeaderAttributes.fromAttribute(request.required(HEADERS))))
        .requestSentAt(a.instant(REQUEST_SENT_AT))
        .createdAt(a.instant(CREATED_AT))
        .expires(a.optionalInstant(EXPIRES))
        .history(history(a.optionalList(HISTORY)))
        .variantGeneration(a.optionalString(VARIANT_GENERATION, null))
        .build();
  }

  private static List<RedirectHop> history(List<AttributeValue> list) {
    List<RedirectHop> hops = new ArrayList<>(list.size());
    for (AttributeValue hop : list) {
      if (!hop.hasM()) {
        throw new IllegalArgumentException("attribute " + HISTORY + " holds a non-map hop");
      }
      Attributes h = new Attributes(hop.m());
      hops.add(new RedirectHop(h.string(URL), h.integer(STATUS)));
    }
    return hops;
  }
}
