package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY_ENCODING;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY_SIZE;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.CREATED_AT;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.EXPIRES;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.FORMAT;
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

import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import dev.cachedhttp.spi.StoredRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okio.ByteString;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores a {@link CachedResponse} as a readable item (see {@link ItemAttributes}) and reads it
 * back. Bodies larger than the compression threshold, or whose readable form makes the item too
 * large, are gzip-compressed; a JSON body re-encoded compactly gets its {@code Content-Length}
 * header set to the size of the body read back. Thread-safe.
 */
public final class ResponseItemCodec implements ItemCodec<CachedResponse> {
  private static final String CONTENT_TYPE = "Content-Type";
  private static final String CONTENT_LENGTH = "Content-Length";

  private final BodyCodec bodies;
  private final int compressAbove;

  /**
   * Creates a codec.
   *
   * @param compressAbove bodies larger than this many bytes are stored gzip-compressed
   * @param maxBodyBytes the largest body read back from a compressed attribute
   */
  public ResponseItemCodec(int compressAbove, long maxBodyBytes) {
    this.bodies = new BodyCodec(maxBodyBytes);
    this.compressAbove = compressAbove;
  }

  @Override
  public Map<String, AttributeValue> encode(CachedResponse response,
      Map<String, AttributeValue> envelope) {
    ByteString body = response.body();
    BodyCodec.Encoded readable = bodies.readable(body, response.headers().get(CONTENT_TYPE));
    if (body.size() > compressAbove && readable.encoding() != BodyEncoding.EMPTY) {
      readable = smallerOf(bodies.gzip(body), readable);
    }
    Map<String, AttributeValue> item = item(response, envelope, readable);
    long size = ItemSize.of(item);
    if (size > ItemSize.WRITABLE_ITEM_BYTES && readable.encoding() != BodyEncoding.GZIP) {
      item = item(response, envelope, smallerOf(bodies.gzip(body), bodies.binary(body)));
      size = ItemSize.of(item);
    }
    if (size > ItemSize.WRITABLE_ITEM_BYTES) {
      throw new ItemTooLargeException("response item of " + size + " bytes (body " + body.size()
          + " bytes) does not fit DynamoDB's " + ItemSize.MAX_ITEM_BYTES
          + "-byte item limit even compressed; not stored");
    }
    return item;
  }

  private static BodyCodec.Encoded smallerOf(BodyCodec.Encoded a, BodyCodec.Encoded b) {
    return ItemSize.of(a.value()) <= ItemSize.of(b.value()) ? a : b;
  }

  private Map<String, AttributeValue> item(CachedResponse response,
      Map<String, AttributeValue> envelope, BodyCodec.Encoded body) {
    Headers headers = response.headers();
    long bodySize = response.body().size();
    if (body.encoding() == BodyEncoding.JSON) {
      bodySize = JsonAttributes.toJson(body.value()).length;
      headers = withContentLength(headers, bodySize);
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>(envelope);
    item.put(FORMAT, AttributeValue.fromN(Integer.toString(ItemAttributes.CURRENT_FORMAT)));
    item.put(URL, AttributeValue.fromS(response.url()));
    item.put(METHOD, AttributeValue.fromS(response.method()));
    item.put(STATUS, AttributeValue.fromN(Integer.toString(response.status())));
    item.put(REASON, AttributeValue.fromS(response.message()));
    item.put(PROTOCOL, AttributeValue.fromS(response.protocol()));
    item.put(HEADERS, HeaderAttributes.toAttribute(headers));
    item.put(REQUEST, request(response.request()));
    item.put(REQUEST_SENT_AT, AttributeValue.fromS(response.requestSentAt().toString()));
    item.put(CREATED_AT, AttributeValue.fromS(response.createdAt().toString()));
    response.expires().ifPresent(e -> item.put(EXPIRES, AttributeValue.fromS(e.toString())));
    item.put(HISTORY, history(response.history()));
    response.variantGeneration()
        .ifPresent(g -> item.put(VARIANT_GENERATION, AttributeValue.fromS(g)));
    item.put(BODY_ENCODING, AttributeValue.fromS(body.encoding().attributeValue()));
    item.put(BODY_SIZE, AttributeValue.fromN(Long.toString(bodySize)));
    if (body.value() != null) {
      item.put(BODY, body.value());
    }
    return item;
  }

  private static AttributeValue request(StoredRequest request) {
    return AttributeValue.fromM(Map.of(
        METHOD, AttributeValue.fromS(request.method()),
        URL, AttributeValue.fromS(request.url()),
        HEADERS, HeaderAttributes.toAttribute(request.headers())));
  }

  private static AttributeValue history(List<RedirectHop> hops) {
    List<AttributeValue> list = new ArrayList<>(hops.size());
    for (RedirectHop hop : hops) {
      list.add(AttributeValue.fromM(Map.of(
          URL, AttributeValue.fromS(hop.url()),
          STATUS, AttributeValue.fromN(Integer.toString(hop.status())))));
    }
    return AttributeValue.fromL(list);
  }

  private static Headers withContentLength(Headers headers, long size) {
    String declared = headers.get(CONTENT_LENGTH);
    if (declared == null || declared.equals(Long.toString(size))) {
      return headers;
    }
    return headers.newBuilder().set(CONTENT_LENGTH, Long.toString(size)).build();
  }

  @Override
  public CachedResponse decode(Map<String, AttributeValue> item) {
    Attributes a = new Attributes(item);
    a.checkFormat();
    Headers headers = HeaderAttributes.fromAttribute(a.required(HEADERS));
    BodyEncoding encoding = BodyEncoding.fromAttributeValue(a.string(BODY_ENCODING));
    ByteString body = bodies.decode(encoding, item.get(BODY), headers.get(CONTENT_TYPE));
    if (encoding == BodyEncoding.JSON) {
      headers = withContentLength(headers, body.size());
    }
    Attributes request = new Attributes(a.required(REQUEST).m());
    return CachedResponse.builder()
        .url(a.string(URL))
        .method(a.string(METHOD))
        .status(a.integer(STATUS))
        .message(a.string(REASON))
        .protocol(a.string(PROTOCOL))
        .headers(headers)
        .body(body)
        .request(new StoredRequest(request.string(METHOD), request.string(URL),
            HeaderAttributes.fromAttribute(request.required(HEADERS))))
        .requestSentAt(Instant.parse(a.string(REQUEST_SENT_AT)))
        .createdAt(Instant.parse(a.string(CREATED_AT)))
        .expires(a.optionalInstant(EXPIRES))
        .history(readHistory(a.required(HISTORY)))
        .variantGeneration(item.containsKey(VARIANT_GENERATION)
            ? a.string(VARIANT_GENERATION) : null)
        .build();
  }

  private static List<RedirectHop> readHistory(AttributeValue value) {
    List<RedirectHop> hops = new ArrayList<>();
    for (AttributeValue hop : Attributes.list(value, HISTORY)) {
      Attributes h = new Attributes(hop.m());
      hops.add(new RedirectHop(h.string(URL), h.integer(STATUS)));
    }
    return hops;
  }
}
