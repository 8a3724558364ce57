package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.sqlite.SqliteBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Request;

/**
 * cachedhttp on a SQLite file against requests-cache on its SQLite backend (the Python script of
 * {@link RequestsCachePeer}), same origin, same sizes, same timing (median and 90th percentile of
 * single calls after a warm-up). Usage: {@code SqlitePeerComparison quick|full PYTHON OUT.md}.
 */
public final class SqlitePeerComparison {
  private final Origin origin;
  private final Path folder;
  private final int warmup;
  private final int hits;
  private final int misses;

  private SqlitePeerComparison(Origin origin, Path folder, boolean full) {
    this.origin = origin;
    this.folder = folder;
    this.warmup = full ? 3000 : 1000;
    this.hits = full ? 2000 : 500;
    this.misses = full ? 500 : 200;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: SqlitePeerComparison quick|full PYTHON OUT.md");
    }
    Path folder = Files.createTempDirectory("sqlite-peers");
    try (Origin origin = Origin.start(Bodies.json(1024))) {
      SqlitePeerComparison run = new SqlitePeerComparison(origin, folder, args[0].equals("full"));
      Map<Integer, Latency[]> ours = new LinkedHashMap<>();
      for (int size : PeerComparison.SIZES) {
        ours.put(size, run.measure(size));
      }
      JsonNode peer = RequestsCachePeer.run(args[1], List.of("--sqlite-file",
              folder.resolve("requests_cache.sqlite").toString()), origin.url("").toString(),
          PeerComparison.SIZES, run.warmup, run.hits, run.misses);
      String report = report(args[0], ours, peer);
      System.out.println(report);
      Files.writeString(Path.of(args[2]), report, StandardCharsets.UTF_8);
    }
  }

  /** Hit and miss latency of cachedhttp on a fresh SQLite file, body of {@code size} bytes. */
  private Latency[] measure(int size) throws Exception {
    try (CachedClient cached = CachedClient.builder().cacheControl(true)
        .backend(SqliteBackend.builder().path(folder.resolve("cachedhttp-" + size + ".db"))
            .build()).build()) {
      Request request = request(size, "");
      PeerComparison.expect(cached, request, CacheInfo.Source.NETWORK);
      Latency hit = Latency.measure(warmup, hits, i -> PeerComparison.expect(cached, request,
          CacheInfo.Source.CACHE));
      Latency miss = Latency.measure(20, misses, i -> PeerComparison.expect(cached,
          request(size, "&miss=" + i), CacheInfo.Source.NETWORK));
      return new Latency[] {hit, miss};
    }
  }

  private Request request(int size, String suffix) {
    return new Request.Builder().url(origin.url("/json/" + size + "?client=cachedhttp" + suffix))
        .build();
  }

  private static String report(String mode, Map<Integer, Latency[]> ours, JsonNode peer) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "## cachedhttp (SQLite) vs requests-cache %s (SQLite), %s mode%n%n"
            + "| body | cachedhttp hit p50 / p90 | requests-cache hit p50 / p90 | hit ratio "
            + "(target ≤ 0.3) | cachedhttp miss p50 | requests-cache miss p50 |%n"
            + "|---|---|---|---|---|---|%n", peer.path("version").asText(), mode));
    ours.forEach((size, latency) -> {
      JsonNode theirs = peer.path("sizes").path(Integer.toString(size));
      double theirHit = theirs.path("hit").path("median_ms").asDouble();
      out.append(String.format(Locale.ROOT, "| %d KB | %.3f / %.3f ms | %.3f / %.3f ms | "
              + "%.2f× | %.3f ms | %.3f ms |%n", size / 1024, latency[0].medianMillis(),
          latency[0].p90Millis(), theirHit, theirs.path("hit").path("p90_ms").asDouble(),
          latency[0].medianMillis() / theirHit, latency[1].medianMillis(),
          theirs.path("miss").path("median_ms").asDouble()));
    });
    return out.toString();
  }
}
