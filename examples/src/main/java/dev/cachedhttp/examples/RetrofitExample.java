package dev.cachedhttp.examples;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheStats;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;
import retrofit2.http.GET;
import retrofit2.http.Path;

/**
 * A Retrofit service whose {@link OkHttpClient} is {@code cached.client(existing)}: every call,
 * synchronous ({@code execute}) or asynchronous ({@code enqueue}), goes through the cache. Prints
 * whether each response came from the network or the cache.
 */
public final class RetrofitExample {
  /** Longest wait for an asynchronous call. */
  static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration ORIGIN_LATENCY = Duration.ofMillis(150);

  private RetrofitExample() {}

  /** The service: users of the local origin. */
  public interface UserApi {
    /** {@code GET users/{id}}. */
    @GET("users/{id}")
    Call<User> user(@Path("id") String id);
  }

  /**
   * A user as the origin sends it.
   *
   * @param id the user id
   * @param name the display name
   * @param roles the roles
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record User(String id, String name, List<String> roles) {}

  /** Runs the example against a slow local origin. */
  public static void main(String[] args) throws Exception {
    try (LocalOrigin origin = LocalOrigin.start(ORIGIN_LATENCY)) {
      run(origin, System.out);
    }
  }

  /** Calls {@code origin} through a cached Retrofit service, printing to {@code out}. */
  public static CacheStats run(LocalOrigin origin, PrintStream out)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    OkHttpClient existing = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10))
        .build();
    try (CachedClient cached = CachedClient.builder()
        .backend(MemoryBackend.create())
        .expireAfter(Duration.ofMinutes(5))
        .build()) {
      Retrofit retrofit = new Retrofit.Builder()
          .baseUrl(origin.baseUrl() + "/")
          .client(cached.client(existing))
          .addConverterFactory(JacksonConverterFactory.create())
          .build();
      UserApi api = retrofit.create(UserApi.class);
      for (int round = 1; round <= 2; round++) {
        print(out, "sync ", api.user("1").execute());
        print(out, "async", enqueue(api.user("2")));
      }
      CacheStats stats = cached.stats();
      out.printf("hits: %d, misses: %d, origin requests: %d%n", stats.hits(), stats.misses(),
          origin.requestCount());
      return stats;
    } finally {
      existing.dispatcher().executorService().shutdown();
      existing.connectionPool().evictAll();
    }
  }

  private static Response<User> enqueue(Call<User> call)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<Response<User>> result = new CompletableFuture<>();
    call.enqueue(new Callback<>() {
      @Override
      public void onResponse(Call<User> c, Response<User> response) {
        result.complete(response);
      }

      @Override
      public void onFailure(Call<User> c, Throwable failure) {
        result.completeExceptionally(failure);
      }
    });
    return result.get(ASYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void print(PrintStream out, String mode, Response<User> response) {
    CacheInfo info = CacheInfo.of(response.raw());
    User user = response.body();
    out.printf("  %s %-7s %d  %s (%s)%n", mode, info.fromCache() ? "HIT" : "MISS",
        response.code(), user == null ? "-" : user.name(), user == null ? "-" : user.roles());
  }
}
