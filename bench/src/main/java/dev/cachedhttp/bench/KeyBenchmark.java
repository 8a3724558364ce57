package dev.cachedhttp.bench;

import dev.cachedhttp.internal.IgnoredParameters;
import dev.cachedhttp.internal.Keys;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (5a) Computing the cache key of a GET with 10 query parameters and of a POST with a 4 KB JSON
 * body, with the default key settings (nothing ignored, no matched headers).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class KeyBenchmark {
  private final Keys keys = new Keys(IgnoredParameters.NONE, List.of(), null);
  private Request get;
  private Request post;

  @Setup
  public void setUp() {
    HttpUrl.Builder url = HttpUrl.get("https://api.example.com/v2/search").newBuilder();
    for (int i = 9; i >= 0; i--) {
      url.addQueryParameter("param" + i, "value-" + i * 31);
    }
    get = new Request.Builder().url(url.build()).header("Accept", "application/json").build();
    post = new Request.Builder()
        .url("https://api.example.com/v2/graph")
        .post(RequestBody.create(Bodies.json(4096), MediaType.get("application/json")))
        .build();
  }

  @Benchmark
  public Optional<String> getWith10Params() {
    return keys.of(get);
  }

  @Benchmark
  public Optional<String> postWith4KbJson() {
    return keys.of(post);
  }
}
