package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY_CRC32C;
import static dev.cachedhttp.dynamodb.internal.ItemAttributes.BODY_ENCODING;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okio.ByteString;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores a {@link CachedResponse} as a readable item (see {@link ItemAttributes}) and reads it
 * back through {@link ResponseItemReader}. Bodies are stored so that they read back byte for byte
 * (unless native JSON documents are asked for), with the CRC32C of the served bytes; bodies larger
 * than the compression threshold, or whose readable form makes the item too large, are
 * gzip-compressed. Thread-safe.
 */
public final class ResponseItemCodec implements ItemCodec<CachedResponse> {
  static final String CONTENT_TYPE = "Content-Type";
  static final String CONTENT_LENGTH = "Content-Length";
  private static final String DEFAULT_PROTOCOL = "http/1.1";

  private final BodyCodec bodies;
  private final int compressAbove;
  private final boolean jsonDocuments;
  private final ResponseItemReader reader;

  /**
   * Creates a codec.
   *
   * @param compressAbove bodies larger than this many bytes are stored gzip-compressed
   * @param maxBodyBytes the largest body read back from a compressed attribute
   * @param jsonDocuments whether JSON bodies are stored as native documents (JSON-equal on read,
   *     never for a {@code no-transform} response) instead of byte for byte
   */
  public ResponseItemCodec(int compressAbove, long maxBodyBytes, boolean jsonDocuments) {
    this.bodies = new BodyCodec(maxBodyBytes);
    this.compressAbove = compressAbove;
    this.jsonDocuments = jsonDocuments;
    this.reader = new ResponseItemReader(bodies);
  }

  @Override
  public Map<String, AttributeValue> encode(CachedResponse response,
      Map<String, AttributeValue> envelope) {
    ByteString body = response.body();
    BodyCodec.Encoded readable = readable(response);
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

  /**
   * The item of {@code response} with its body as bytes (gzip-compressed or binary, the smaller)
   * and no size check: what a store splits into chunk items when {@link #encode} finds it too
   * large for one item.
   */
  @Override
  public Optional<Map<String, AttributeValue>> encodeSplittable(CachedResponse response,
      Map<String, AttributeValue> envelope) {
    ByteString body = response.body();
    if (body.size() == 0) {
      return Optional.empty();
    }
    return Optional.of(item(response, envelope, smallerOf(bodies.gzip(body), bodies.binary(body))));
  }

  private BodyCodec.Encoded readable(CachedResponse response) {
    String contentType = response.headers().get(CONTENT_TYPE);
    if (jsonDocuments && !forbidsTransform(response.headers())) {
      Optional<BodyCodec.Encoded> document = bodies.document(response.body(), contentType);
      if (document.isPresent()) {
        return document.get();
      }
    }
    return bodies.exact(response.body(), contentType);
  }

  /** True when a {@code Cache-Control} header carries {@code no-transform}. */
  static boolean forbidsTransform(Headers headers) {
    for (String value : headers.values("Cache-Control")) {
      for (String directive : value.split(",")) {
        String name = directive.strip();
        int equals = name.indexOf('=');
        if ((equals < 0 ? name : name.substring(0, equals).strip())
            .toLowerCase(Locale.ROOT).equals("no-transform")) {
          return true;
        }
      }
    }
    return false;
  }

  private static BodyCodec.Encoded smallerOf(BodyCodec.Encoded a, BodyCodec.Encoded b) {
    return ItemSize.of(a.value()) <= ItemSize.of(b.value()) ? a : b;
  }

  private static Map<String, AttributeValue> item(CachedResponse response,
      Map<String, AttributeValue> envelope, BodyCodec.Encoded body) {
    Headers headers = response.headers();
    if (body.encoding() == BodyEncoding.JSON) {
      headers = withContentLength(headers, body.served().size());
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>(envelope);
    item.put(FORMAT, AttributeValue.fromN(Integer.toString(ItemAttributes.CURRENT_FORMAT)));
    item.put(STATUS, AttributeValue.fromN(Integer.toString(response.status())));
    item.put(URL, AttributeValue.fromS(response.url()));
    item.put(METHOD, AttributeValue.fromS(response.method()));
    item.put(REASON, AttributeValue.fromS(response.message()));
    if (!response.protocol().equals(DEFAULT_PROTOCOL)) {
      item.put(PROTOCOL, AttributeValue.fromS(response.protocol()));
    }
    item.put(HEADERS, HeaderAttributes.toAttribute(headers));
    item.put(REQUEST, request(response));
    item.put(REQUEST_SENT_AT, AttributeValue.fromS(response.requestSentAt().toString()));
    item.put(CREATED_AT, AttributeValue.fromS(response.createdAt().toString()));
    response.expires().ifPresent(e -> item.put(EXPIRES, AttributeValue.fromS(e.toString())));
    if (!response.history().isEmpty()) {
      item.put(HISTORY, history(response.history()));
    }
    response.variantGeneration()
        .ifPresent(g -> item.put(VARIANT_GENERATION, AttributeValue.fromS(g)));
    item.put(BODY_ENCODING, AttributeValue.fromS(body.encoding().attributeValue()));
    item.put(BODY_CRC32C, AttributeValue.fromN(Long.toString(Checksums.crc32c(body.served()))));
    if (body.value() != null) {
      item.put(BODY, body.value());
    }
    return item;
  }

  private static AttributeValue request(CachedResponse response) {
    StoredRequest request = response.request();
    Map<String, AttributeValue> map = new HashMap<>(4);
    map.put(HEADERS, HeaderAttributes.toAttribute(request.headers()));
    if (!request.method().equals(response.method())) {
      map.put(METHOD, AttributeValue.fromS(request.method()));
    }
    if (!request.url().equals(response.url())) {
      map.put(URL, AttributeValue.fromS(request.url()));
    }
    return AttributeValue.fromM(map);
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

  /** {@code headers} with {@code Content-Length} set to {@code size} when it declares another. */
  static Headers withContentLength(Headers headers, long size) {
    String declared = headers.get(CONTENT_LENGTH);
    if (declared == null || declared.equals(Long.toString(size))) {
      return headers;
    }
    return headers.newBuilder().set(CONTENT_LENGTH, Long.toString(size)).build();
  }

  /**
   * Reads a response item of any supported format, checking its shape and body checksum first.
   *
   * @throws IllegalArgumentException when the item is malformed or its body fails the checksum
   */
  @Override
  public CachedResponse decode(Map<String, AttributeValue> item) {
    return reader.read(item);
  }
}
