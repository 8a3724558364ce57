package dev.cachedhttp.sqlite;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One of the processes of {@link SharedByProcessesTest}: GETs random items of the origin through
 * a client on the shared file for a while, checks every body, and prints {@code calls failed
 * wrong hits skipped}.
 */
public final class SharingProcess {
  static final int ITEMS = 300;

  private SharingProcess() {}

  /** The body the origin serves for item {@code n}: text of 1 to 20,000 bytes naming it. */
  static String body(int n) {
    String line = "item " + n + " of the shared origin\n";
    return line.repeat(1 + (n * 37) % (20_000 / line.length()));
  }

  /** Arguments: the file, the origin's base URL, the seconds to run, maxBytes, the seed. */
  public static void main(String[] args) {
    Random random = new Random(Long.parseLong(args[4]));
    long calls = 0;
    long failed = 0;
    long wrong = 0;
    long hits = 0;
    try (CachedClient cached = CachedClient.builder().cacheControl(true)
        .backend(SqliteBackend.builder().path(Path.of(args[0]))
            .maxBytes(Long.parseLong(args[3])).cleanupInterval(Duration.ofSeconds(1)).build())
        .build()) {
      OkHttpClient client = cached.client();
      long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
      while (System.nanoTime() < deadline) {
        int n = random.nextInt(ITEMS);
        calls++;
        try (Response response = client.newCall(new Request.Builder()
            .url(args[1] + "item/" + n).build()).execute()) {
          if (!response.body().string().equals(body(n))) {
            wrong++;
          }
          hits += CacheInfo.of(response).source() == CacheInfo.Source.CACHE ? 1 : 0;
        } catch (Exception e) {
          failed++;
        }
      }
      System.out.println(calls + " " + failed + " " + wrong + " " + hits + " "
          + cached.stats().writesSkipped());
    }
  }
}
