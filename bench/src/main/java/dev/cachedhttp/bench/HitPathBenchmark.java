package dev.cachedhttp.bench;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.internal.IgnoredParameters;
import dev.cachedhttp.internal.Keys;
import dev.cachedhttp.internal.Redactor;
import dev.cachedhttp.internal.ResponseMapper;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (6) The stages of a memory hit measured one by one, outside OkHttp, for a 1 KB GET of {@code
 * http://127.0.0.1:8080/items}: the key, the backend lookup, building the served response, and
 * two parts of the latter (parsing the stored {@code Content-Type}, tagging the request). The
 * stages add up to roughly the gap between a memory hit and the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class HitPathBenchmark {
  private final Keys keys = new Keys(IgnoredParameters.NONE, List.of(), null);
  private final ResponseMapper mapper = new ResponseMapper(new Redactor(IgnoredParameters.NONE));
  private final MemoryBackend backend = MemoryBackend.create();
  private final Request request = new Request.Builder().url("http://127.0.0.1:8080/items").build();
  private CachedResponse cached;
  private String key;
  private CacheInfo info;
  private Instant now;

  @Setup
  public void setUp() {
    cached = CodecBenchmark.sample(1024);
    key = keys.of(request).orElseThrow();
    backend.responses().put(key, cached, null);
    now = Instant.now();
    info = CacheInfo.create(CacheInfo.Source.CACHE, key, now, now.plusSeconds(60), false, false);
  }

  @Benchmark
  public Optional<String> key() {
    return keys.of(request);
  }

  @Benchmark
  public Optional<Backend.Lookup> lookup() {
    return backend.lookup(key);
  }

  @Benchmark
  public Response buildResponse() {
    return mapper.toResponse(cached, request, info, now);
  }

  @Benchmark
  public MediaType parseContentType() {
    return MediaType.parse(cached.headers().get("Content-Type"));
  }

  @Benchmark
  public Request tagRequest() {
    return request.newBuilder().tag(CacheInfo.class, info).build();
  }
}
