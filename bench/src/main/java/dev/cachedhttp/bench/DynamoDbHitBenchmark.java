package dev.cachedhttp.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * (4) The time of a repeated cachedhttp hit served from DynamoDB Local, the whole body read
 * ({@code get}), beside what it is measured against, on the same client, table and item: the
 * SDK's raw {@code GetItem} of the stored item ({@code rawGetItem}, the floor), the request a
 * first hit in a process makes ({@code rawBatchGetItem}: the response and alias keys with the
 * backend's read timeouts), and the backend's {@code lookup()} (a repeated hit's {@code GetItem}
 * plus decoding and checking the item). Local is an in-process emulator sharing the CPU: compare
 * within a run, not with production; {@link DynamoDbHitRatio} measures the same in turns, which
 * holds up better on a shared machine. The run fails when any measured call cost other than
 * exactly one DynamoDB request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DynamoDbHitBenchmark {

  @Param({"1024", "32768", "262144"})
  public int size;

  private DynamoDbSetup setup;
  private Request request;
  private String cacheKey;
  private Map<String, AttributeValue> itemKey;
  private Map<String, AttributeValue> aliasKey;
  private int originRequests;
  private long calls;

  @Setup(Level.Trial)
  public void setUp() {
    setup = DynamoDbSetup.start(Bodies.json(size));
    request = new Request.Builder().url(setup.origin().url("/items")).build();
    byte[] buffer = new byte[Calls.READ_BUFFER_BYTES];
    Calls.execute(setup.client(), request, buffer);
    itemKey = setup.onlyResponseKey();
    cacheKey = itemKey.get("key").s();
    aliasKey = Map.of("namespace", AttributeValue.fromS("redirects"), "key", itemKey.get("key"));
    originRequests = setup.origin().requestCount();
    setup.counter().reset();
  }

  /** A cachedhttp hit through OkHttp, the body read to its end. */
  @Benchmark
  public long get(ReadBuffer buffer) {
    calls++;
    return Calls.execute(setup.client(), request, buffer.bytes);
  }

  /** The SDK's plain {@code GetItem} of the stored item: the floor. */
  @Benchmark
  public Object rawGetItem() {
    calls++;
    return setup.dynamo().getItem(r -> r.tableName(setup.tableName()).key(itemKey)).item();
  }

  /** A first hit's request alone: {@code BatchGetItem} of the response and alias keys. */
  @Benchmark
  public Object rawBatchGetItem() {
    calls++;
    return setup.dynamo().batchGetItem(r -> r
        .requestItems(Map.of(setup.tableName(),
            KeysAndAttributes.builder().keys(itemKey, aliasKey).build()))
        .overrideConfiguration(DynamoDbSetup.READ_TIMEOUTS)).responses();
  }

  /** The backend's lookup: the request, then the item checked and decoded. */
  @Benchmark
  public Object lookup() {
    calls++;
    return setup.backend().lookup(cacheKey).orElseThrow().response();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long requests = setup.counter().total();
    int extra = setup.origin().requestCount() - originRequests;
    setup.close();
    if (extra != 0 || requests != calls) {
      throw new IllegalStateException(calls + " calls cost " + requests
          + " DynamoDB requests and " + extra + " origin requests");
    }
  }
}
