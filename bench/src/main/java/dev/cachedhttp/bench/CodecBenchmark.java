package dev.cachedhttp.bench;

import dev.cachedhttp.dynamodb.internal.ResponseItemCodec;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * (5b) Encoding a stored JSON response into a DynamoDB item and decoding it back, with the
 * backend's default codec settings (byte-exact text up to 32 KiB, gzip above; CRC32C checked).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CodecBenchmark {
  @Param({"1024", "32768", "262144"})
  public int size;

  private final ResponseItemCodec codec = new ResponseItemCodec(
      DynamoDbSetup.COMPRESS_ABOVE, DynamoDbSetup.MAX_BODY_BYTES, false);
  private final Map<String, AttributeValue> envelope = Map.of(
      "namespace", AttributeValue.fromS("responses"),
      "key", AttributeValue.fromS("0f".repeat(32)));
  private CachedResponse response;
  private Map<String, AttributeValue> item;

  @Setup
  public void setUp() {
    response = sample(size);
    item = codec.encode(response, envelope);
  }

  /** A typical stored JSON response with a body of {@code size} bytes. */
  static CachedResponse sample(int size) {
    Instant now = Instant.parse("2026-11-21T10:15:30Z");
    return CachedResponse.builder()
        .url("https://api.example.com/v2/items?page=1")
        .method("GET")
        .status(200)
        .message("OK")
        .protocol("http/1.1")
        .headers(okhttp3.Headers.of(
            "Content-Type", "application/json; charset=utf-8",
            "Content-Length", Integer.toString(size),
            "Cache-Control", "max-age=3600",
            "ETag", "\"5d8c72a5edda8d6a\"",
            "Date", "Sat, 21 Nov 2026 10:15:30 GMT"))
        .body(Bodies.json(size))
        .requestSentAt(now)
        .createdAt(now)
        .expires(now.plusSeconds(3600))
        .build();
  }

  @Benchmark
  public Map<String, AttributeValue> encode() {
    return codec.encode(response, envelope);
  }

  @Benchmark
  public CachedResponse decode() {
    return codec.decode(item);
  }
}
