package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one run's JMH JSON ({@code -rf json}) and {@link DynamoDbCounts} JSON into the Markdown
 * results table, with every target of issue 5 computed from the same run and marked PASS or
 * MISS with its factor. Usage: {@code Report JMH.json DYNAMODB.json OUTPUT.md MODE
 * [RATIO.json]}; with {@link DynamoDbHitRatio}'s JSON the DynamoDB hit's target is judged by
 * its turn-taking medians (JMH's runs of that benchmark drift apart on a shared machine), and
 * JMH's ratio is shown beside. Missing measurements are reported as such, never guessed.
 */
public final class Report {
  private static final String PKG = "dev.cachedhttp.bench.";
  private static final String[] SUBJECTS = {
      Subject.CACHEDHTTP, Subject.CACHEDHTTP_SQLITE, Subject.OKHTTP_CACHE, Subject.FLOOR,
      Subject.NO_CACHE};

  private final JsonNode jmh;
  private final JsonNode dynamo;
  private final JsonNode ratios;
  private final StringBuilder out = new StringBuilder();
  private final List<String> targets = new ArrayList<>();
  private int misses;

  private Report(JsonNode jmh, JsonNode dynamo, JsonNode ratios) {
    this.jmh = jmh;
    this.dynamo = dynamo;
    this.ratios = ratios;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 4 && args.length != 5) {
      throw new IllegalArgumentException(
          "usage: Report JMH.json DYNAMODB.json OUTPUT.md MODE [RATIO.json]");
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonNode jmh = mapper.readTree(Path.of(args[0]).toFile());
    Path counts = Path.of(args[1]);
    JsonNode dynamo = Files.exists(counts) ? mapper.readTree(counts.toFile())
        : mapper.createObjectNode();
    Path ratioFile = args.length == 5 ? Path.of(args[4]) : null;
    JsonNode ratios = ratioFile != null && Files.exists(ratioFile)
        ? mapper.readTree(ratioFile.toFile()) : mapper.createArrayNode();
    Report report = new Report(jmh, dynamo, ratios);
    String markdown = report.render(args[3]);
    Files.writeString(Path.of(args[2]), markdown, StandardCharsets.UTF_8);
    System.out.print(markdown);
  }

  private String render(String mode) {
    hits();
    misses();
    concurrency();
    dynamoDb();
    keysAndCodec();
    hitPath();
    StringBuilder page = new StringBuilder();
    page.append("## Results (").append(mode).append(" mode, ").append(LocalDate.now())
        .append(")\n\n").append(Machine.describe()).append('\n');
    page.append("### Targets\n\n| target | measured | factor | verdict |\n|---|---|---|---|\n");
    targets.forEach(row -> page.append(row).append('\n'));
    page.append('\n').append(misses == 0 ? "All targets met.\n\n"
        : misses + " target(s) missed.\n\n");
    return page.append(out).toString();
  }

  // ---- sections -------------------------------------------------------------------------

  private void hits() {
    out.append("### 1. Hit latency and allocation (µs/call and bytes/call, whole body read)\n\n")
        .append("| body | cachedhttp (memory) | cachedhttp (SQLite) | okhttp3.Cache | floor "
            + "| no cache (loopback) |\n")
        .append("|---|---|---|---|---|---|\n");
    for (String size : Bodies.SIZES) {
      out.append("| ").append(kb(size));
      for (String subject : SUBJECTS) {
        Optional<JsonNode> r = find("HitBenchmark.get", "subject", subject, "size", size);
        out.append(" | ").append(r.map(Report::timeAndAlloc).orElse("n/a"));
      }
      out.append(" |\n");
      hitTargets(size);
    }
    out.append('\n');
  }

  private void hitTargets(String size) {
    Optional<JsonNode> mem = find("HitBenchmark.get", "subject", Subject.CACHEDHTTP, "size", size);
    Optional<JsonNode> ok = find("HitBenchmark.get", "subject", Subject.OKHTTP_CACHE, "size", size);
    Optional<JsonNode> floor = find("HitBenchmark.get", "subject", Subject.FLOOR, "size", size);
    ratioTarget("memory hit ≤ 0.5× okhttp3.Cache hit, " + kb(size), mem, ok, 0.5);
    ratioTarget("memory hit ≤ 1.5× floor, " + kb(size), mem, floor, 1.5);
    ratioTarget("SQLite hit ≤ 0.5× okhttp3.Cache hit, " + kb(size), find("HitBenchmark.get",
        "subject", Subject.CACHEDHTTP_SQLITE, "size", size), ok, 0.5);
    long limit = 2L * Long.parseLong(size) + 4096;
    Optional<Double> alloc = mem.flatMap(Report::alloc);
    target("alloc per memory hit ≤ 2× body + 4 KB, " + kb(size),
        alloc.map(a -> String.format(Locale.ROOT, "%,.0f B vs %,d B", a, limit)),
        alloc.map(a -> a / limit), true, 1.0);
  }

  private void misses() {
    out.append("### 2. Miss-and-store (µs/call; extra = miss − the same call without cache)\n\n")
        .append("| body | no cache | cachedhttp miss+store | extra | cachedhttp (SQLite) "
            + "miss+store | extra | okhttp3.Cache miss+store | extra |\n"
            + "|---|---|---|---|---|---|---|---|\n");
    for (String size : Bodies.SIZES) {
      Optional<Double> none = score(find("MissBenchmark.missAndStore", "subject",
          Subject.NO_CACHE, "size", size));
      Optional<Double> mem = score(find("MissBenchmark.missAndStore", "subject",
          Subject.CACHEDHTTP, "size", size));
      Optional<Double> ok = score(find("MissBenchmark.missAndStore", "subject",
          Subject.OKHTTP_CACHE, "size", size));
      Optional<Double> sqlite = score(find("MissBenchmark.missAndStore", "subject",
          Subject.CACHEDHTTP_SQLITE, "size", size));
      out.append("| ").append(kb(size)).append(" | ").append(num(none)).append(" | ")
          .append(num(mem)).append(" | ").append(extra(mem, none)).append(" | ")
          .append(num(sqlite)).append(" | ").append(extra(sqlite, none)).append(" | ")
          .append(num(ok)).append(" | ").append(extra(ok, none)).append(" |\n");
    }
    out.append('\n');
  }

  private void concurrency() {
    out.append("### 3. Concurrent hits, 1 KB body (calls/ms, all threads together)\n\n")
        .append("| case | threads | calls/ms | × 1 thread |\n|---|---|---|---|\n");
    Optional<Double> one = score(find("ConcurrentHitBenchmark.hits1Thread"));
    Optional<Double> floorOne = score(find("ConcurrentHitBenchmark.floor1Thread"));
    concurrencyRow("cachedhttp, own keys", "hits1Thread", 1, one);
    concurrencyRow("cachedhttp, own keys", "hits2Threads", 2, one);
    concurrencyRow("cachedhttp, own keys", "hits8Threads", 8, one);
    concurrencyRow("cachedhttp, one hot key", "hotKey8Threads", 8, one);
    concurrencyRow("floor", "floor1Thread", 1, floorOne);
    concurrencyRow("floor", "floor8Threads", 8, floorOne);
    Optional<Double> direct = score(find("ConcurrentHitBenchmark.interceptorOnly1Thread"));
    concurrencyRow("cachedhttp interceptor alone, own keys", "interceptorOnly1Thread", 1, direct);
    concurrencyRow("cachedhttp interceptor alone, own keys", "interceptorOnly8Threads", 8, direct);
    out.append('\n');
    Optional<Double> eight = score(find("ConcurrentHitBenchmark.hits8Threads"));
    Optional<Double> factor = eight.flatMap(e -> one.map(o -> e / o));
    target("8-thread hit throughput ≥ 1.6× 1-thread", factor.map(f -> num(eight) + " vs "
        + num(one) + " calls/ms"), factor, false, 1.6);
    Optional<Double> hot = score(find("ConcurrentHitBenchmark.hotKey8Threads"));
    Optional<Double> hotFactor = hot.flatMap(h -> one.map(o -> h / o));
    target("(same, one hot key)", hotFactor.map(f -> num(hot) + " vs " + num(one)
        + " calls/ms"), hotFactor, false, 1.6);
    Optional<Double> direct8 = score(find("ConcurrentHitBenchmark.interceptorOnly8Threads"));
    Optional<Double> directFactor = direct8.flatMap(e -> direct.map(o -> e / o));
    info("(for diagnosis) the interceptor alone, outside OkHttp's call, 8 vs 1 thread",
        directFactor.map(f -> num(direct8) + " vs " + num(direct) + " calls/ms"), directFactor);
  }

  /** A row in the targets table that is not a target of the issue: no verdict counted. */
  private void info(String name, Optional<String> measured, Optional<Double> factor) {
    targets.add("| " + name + " | " + measured.orElse("n/a") + " | "
        + factor.map(f -> fmt(f) + "×").orElse("n/a") + " | (not a target) |");
  }

  private void concurrencyRow(String label, String method, int threads, Optional<Double> base) {
    Optional<Double> s = score(find("ConcurrentHitBenchmark." + method));
    out.append("| ").append(label).append(" | ").append(threads).append(" | ")
        .append(s.map(v -> fmt(v) + " ± " + fmt(error(find("ConcurrentHitBenchmark." + method))))
            .orElse("n/a"))
        .append(" | ").append(s.flatMap(v -> base.map(b -> fmt(v / b) + "×")).orElse("n/a"))
        .append(" |\n");
  }

  private void dynamoDb() {
    out.append("### 4. DynamoDB (DynamoDB Local in-process: counts are exact, times are not "
        + "production latencies)\n\n");
    JsonNode rows = dynamo.path("requests");
    if (rows.isEmpty()) {
      out.append("No DynamoDB counts in this run.\n\n");
      target("DynamoDB hit = 1 request", Optional.empty(), Optional.empty(), true, 1);
    } else {
      out.append("| body | scenario | DynamoDB requests | by operation |\n|---|---|---|---|\n");
      for (JsonNode row : rows) {
        out.append("| ").append(kb(row.path("size").asText())).append(" | ")
            .append(row.path("scenario").asText()).append(" | ")
            .append(row.path("requests").asLong()).append(" | ")
            .append(row.path("byOperation").toString().replace("\"", "")).append(" |\n");
      }
      out.append('\n');
      requestTargets(rows);
    }
    out.append("| body | stored item | body stored as | hit (µs) | raw GetItem (µs) | "
        + "hit ÷ GetItem | BatchGetItem of the hit (µs) | backend lookup() (µs) |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (JsonNode item : dynamo.path("items")) {
      String size = item.path("size").asText();
      Optional<JsonNode> hit = find("DynamoDbHitBenchmark.get", "size", size);
      Optional<JsonNode> getItem = find("DynamoDbHitBenchmark.rawGetItem", "size", size);
      out.append("| ").append(kb(size)).append(" | ")
          .append(String.format(Locale.ROOT, "%,d B", item.path("itemBytes").asLong()))
          .append(" | ").append(item.path("bodyEncoding").asText()).append(" | ")
          .append(hit.map(Report::timeAndAlloc).orElse("n/a")).append(" | ")
          .append(getItem.map(Report::timeAndAlloc).orElse("n/a")).append(" | ")
          .append(score(hit).flatMap(h -> score(getItem).map(g -> fmt(h / g) + "×"))
              .orElse("n/a")).append(" | ")
          .append(find("DynamoDbHitBenchmark.rawBatchGetItem", "size", size)
              .map(Report::timeAndAlloc).orElse("n/a")).append(" | ")
          .append(find("DynamoDbHitBenchmark.lookup", "size", size)
              .map(Report::timeAndAlloc).orElse("n/a")).append(" |\n");
      if (Integer.parseInt(size) <= 32 * 1024) {
        turnRatio(size).ifPresentOrElse(
            ratio -> target("DynamoDB hit ≤ 1.2× raw GetItem, " + kb(size) + " (in turns)",
                Optional.of(num(Optional.of(ratio[0])) + " vs " + num(Optional.of(ratio[1]))
                    + " µs; JMH " + score(hit).flatMap(h -> score(getItem).map(g -> fmt(h / g)
                    + "×")).orElse("n/a")), Optional.of(ratio[0] / ratio[1]), true, 1.2),
            () -> ratioTarget("DynamoDB hit ≤ 1.2× raw GetItem, " + kb(size), hit, getItem,
                1.2));
      }
    }
    out.append('\n');
  }

  /** The turn-taking medians of the hit and the raw {@code GetItem} at {@code size}, if run. */
  private Optional<double[]> turnRatio(String size) {
    Double hit = null;
    Double getItem = null;
    for (JsonNode row : ratios) {
      if (!row.path("size").asText().equals(size)) {
        continue;
      }
      String subject = row.path("subject").asText();
      if (subject.equals(DynamoDbHitRatio.SUBJECTS[0])) {
        hit = row.path("wallMicros").asDouble();
      } else if (subject.equals(DynamoDbHitRatio.SUBJECTS[DynamoDbHitRatio.SUBJECTS.length - 1])) {
        getItem = row.path("wallMicros").asDouble();
      }
    }
    return hit == null || getItem == null ? Optional.empty()
        : Optional.of(new double[] {hit, getItem});
  }

  private void requestTargets(JsonNode rows) {
    long worstHit = 0;
    long worstMissExcess = Long.MIN_VALUE;
    String worstMiss = "";
    for (JsonNode row : rows) {
      long requests = row.path("requests").asLong();
      String scenario = row.path("scenario").asText();
      if (row.path("kind").asText().equals("hit") && !scenario.contains("redirect")) {
        worstHit = Math.max(worstHit, requests);
      } else if (row.path("kind").asText().equals("miss")) {
        long allowed = 2 + row.path("hops").asLong();
        if (requests - allowed > worstMissExcess) {
          worstMissExcess = requests - allowed;
          worstMiss = scenario + ": " + requests + " (allowed " + allowed + ")";
        }
      }
    }
    long hit = worstHit;
    target("DynamoDB hit = 1 request (every size)", Optional.of(hit + " request(s)"),
        Optional.of((double) hit), true, 1.0);
    long excess = worstMissExcess;
    target("DynamoDB miss ≤ 2 (+1 per redirect hop), worst case",
        Optional.of(worstMiss), Optional.of(excess <= 0 ? 1.0 : 2.0), true, 1.0);
  }

  private void keysAndCodec() {
    out.append("### 5. Key computation and DynamoDB item codec (µs/op, bytes/op)\n\n")
        .append("| operation | time and allocation |\n|---|---|\n");
    keyRow("key: GET with 10 query parameters", find("KeyBenchmark.getWith10Params"));
    keyRow("key: POST with 4 KB JSON body", find("KeyBenchmark.postWith4KbJson"));
    for (String size : Bodies.SIZES) {
      keyRow("encode CachedResponse → item, " + kb(size) + " JSON",
          find("CodecBenchmark.encode", "size", size));
      keyRow("decode item → CachedResponse, " + kb(size) + " JSON",
          find("CodecBenchmark.decode", "size", size));
    }
    out.append('\n');
  }

  private void hitPath() {
    out.append("### 6. Where a 1 KB memory hit's time goes (stages alone, outside OkHttp; ns/op, "
        + "bytes/op)\n\n| stage | time and allocation |\n|---|---|\n");
    keyRow("cache key (Keys.of)", find("HitPathBenchmark.key"));
    keyRow("memory backend lookup", find("HitPathBenchmark.lookup"));
    keyRow("build the served response (ResponseMapper.toResponse)",
        find("HitPathBenchmark.buildResponse"));
    keyRow("one MediaType.parse of a Content-Type (the hit path memoises it)",
        find("HitPathBenchmark.parseContentType"));
    keyRow("… of which: tag the request with CacheInfo",
        find("HitPathBenchmark.tagRequest"));
    out.append('\n');
  }

  private void keyRow(String label, Optional<JsonNode> result) {
    out.append("| ").append(label).append(" | ")
        .append(result.map(Report::timeAndAlloc).orElse("n/a")).append(" |\n");
  }

  // ---- targets --------------------------------------------------------------------------

  private void ratioTarget(String name, Optional<JsonNode> a, Optional<JsonNode> b,
      double limit) {
    Optional<Double> ratio = score(a).flatMap(x -> score(b).map(y -> x / y));
    target(name, ratio.map(r -> num(score(a)) + " vs " + num(score(b)) + " µs"),
        ratio, true, limit);
  }

  /**
   * Adds a target row; {@code atMost} says whether the factor must stay at or below {@code
   * limit} (else at or above).
   */
  private void target(String name, Optional<String> measured, Optional<Double> factor,
      boolean atMost, double limit) {
    String verdict;
    if (factor.isEmpty()) {
      verdict = "NOT MEASURED";
      misses++;
    } else {
      boolean pass = atMost ? factor.get() <= limit : factor.get() >= limit;
      verdict = pass ? "PASS" : "**MISS**";
      if (!pass) {
        misses++;
      }
    }
    targets.add("| " + name + " | " + measured.orElse("n/a") + " | "
        + factor.map(f -> fmt(f) + "× (limit " + fmt(limit) + ")").orElse("n/a") + " | "
        + verdict + " |");
  }

  // ---- JMH JSON -------------------------------------------------------------------------

  /** The result of benchmark {@code method} (Class.method) whose params match the pairs. */
  private Optional<JsonNode> find(String method, String... params) {
    for (JsonNode result : jmh) {
      if (!result.path("benchmark").asText().equals(PKG + method)) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < params.length; i += 2) {
        match &= params[i + 1].equals(result.path("params").path(params[i]).asText());
      }
      if (match) {
        return Optional.of(result);
      }
    }
    return Optional.empty();
  }

  private static Optional<Double> score(Optional<JsonNode> result) {
    return result.map(r -> r.path("primaryMetric").path("score").asDouble());
  }

  private static double error(Optional<JsonNode> result) {
    return result.map(r -> r.path("primaryMetric").path("scoreError").asDouble(0))
        .filter(e -> !e.isNaN()).orElse(0.0);
  }

  private static Optional<Double> alloc(JsonNode result) {
    JsonNode norm = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
    return norm.isMissingNode() ? Optional.empty() : Optional.of(norm.path("score").asDouble());
  }

  private static String timeAndAlloc(JsonNode result) {
    JsonNode primary = result.path("primaryMetric");
    String time = fmt(primary.path("score").asDouble()) + " ± "
        + fmt(error(Optional.of(result)));
    return time + alloc(result).map(a -> String.format(Locale.ROOT, " · %,.0f B", a))
        .orElse("");
  }

  // ---- formatting -----------------------------------------------------------------------

  private static String extra(Optional<Double> with, Optional<Double> without) {
    return with.flatMap(w -> without.map(n -> String.format(Locale.ROOT, "%+.1f (%+.0f%%)",
        w - n, 100 * (w - n) / n))).orElse("n/a");
  }

  private static String num(Optional<Double> value) {
    return value.map(Report::fmt).orElse("n/a");
  }

  static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }

  private static String kb(String bytes) {
    long b = Long.parseLong(bytes);
    return b % 1024 == 0 ? (b / 1024) + " KB" : b + " B";
  }
}
