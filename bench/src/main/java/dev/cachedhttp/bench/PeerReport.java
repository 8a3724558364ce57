package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachedhttp.dynamodb.BodyFormat;
import java.util.Locale;
import java.util.Map;

/** The Markdown tables of a {@link PeerComparison} run. */
final class PeerReport {
  /** The HTTP client the backend builds by default, whose figures the headline uses. */
  static final SdkHttpClients DEFAULT_CLIENT = SdkHttpClients.APACHE;
  static final double HIT_VS_PEER = 0.5;
  static final double HIT_VS_GET_ITEM = 1.3;
  static final double MISS_VS_PEER = 1.0;

  private final String mode;
  private final Map<SdkHttpClients, Map<Integer, PeerComparison.Measured>> measured;
  private final Map<BodyFormat, Map<Integer, Long>> itemBytes;
  private final JsonNode peer;
  private final StringBuilder out = new StringBuilder();

  PeerReport(String mode, Map<SdkHttpClients, Map<Integer, PeerComparison.Measured>> measured,
      Map<BodyFormat, Map<Integer, Long>> itemBytes, JsonNode peer) {
    this.mode = mode;
    this.measured = measured;
    this.itemBytes = itemBytes;
    this.peer = peer;
  }

  String markdown() {
    line("Mode `%s`; medians in ms (90th percentile in brackets) over %d hits and %d misses per "
        + "size; requests-cache %s with boto3 %s; one DynamoDB Local, one loopback origin, "
        + "same run.", mode, first().hit().calls(), first().miss().calls(),
        peer.path("version").asText(), peer.path("boto3").asText());
    line("");
    hits();
    misses();
    clients();
    items();
    return out.toString();
  }

  private PeerComparison.Measured first() {
    return measured.get(DEFAULT_CLIENT).values().iterator().next();
  }

  private void hits() {
    line("**Hit** (cachedhttp with the default %s client; targets ≤ %.1f× requests-cache, "
        + "≤ %.1f× raw GetItem)", DEFAULT_CLIENT.artifact(), HIT_VS_PEER, HIT_VS_GET_ITEM);
    line("");
    line("| body | requests-cache | cachedhttp | × requests-cache | raw GetItem | × GetItem "
        + "| raw BatchGetItem¹ | backend lookup()² | DynamoDB requests per hit |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (Map.Entry<Integer, PeerComparison.Measured> e : measured.get(DEFAULT_CLIENT).entrySet()) {
      PeerComparison.Measured m = e.getValue();
      Latency rc = peer(e.getKey(), "hit");
      line("| %s | %s | %s | %s | %s | %s | %s | %s | %d |", size(e.getKey()), ms(rc),
          ms(m.hit()), ratio(m.hit(), rc, HIT_VS_PEER), ms(m.getItem()),
          ratio(m.hit(), m.getItem(), HIT_VS_GET_ITEM), ms(m.batchGetItem()), ms(m.lookup()),
          m.requestsPerHit());
    }
    line("");
    line("¹ the hit's request shape (response and alias keys) with the backend's per-call timeouts;"
        + " ² the backend's lookup and item check without OkHttp and the cache's logic.");
    line("");
  }

  private void misses() {
    line("**Miss** (a new URL each time: lookup, origin, store; target ≤ %.1f× requests-cache)",
        MISS_VS_PEER);
    line("");
    line("| body | requests-cache | cachedhttp | × requests-cache |");
    line("|---|---|---|---|");
    for (Map.Entry<Integer, PeerComparison.Measured> e : measured.get(DEFAULT_CLIENT).entrySet()) {
      Latency rc = peer(e.getKey(), "miss");
      line("| %s | %s | %s | %s |", size(e.getKey()), ms(rc), ms(e.getValue().miss()),
          ratio(e.getValue().miss(), rc, MISS_VS_PEER));
    }
    line("");
  }

  private void clients() {
    line("**cachedhttp hit / raw GetItem by SDK HTTP client** (median ms)");
    line("");
    StringBuilder header = new StringBuilder("| client |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int size : PeerComparison.SIZES) {
      header.append(' ').append(size(size)).append(" hit | GetItem |");
      rule.append("---|---|");
    }
    line("%s", header);
    line("%s", rule);
    measured.forEach((client, bySize) -> {
      StringBuilder row = new StringBuilder("| " + client.artifact() + " |");
      bySize.values().forEach(m -> row.append(' ').append(median(m.hit())).append(" | ")
          .append(median(m.getItem())).append(" |"));
      line("%s", row);
    });
    line("");
  }

  private void items() {
    line("**Stored item bytes** (DynamoDB's size rules; × body in brackets; target for the default"
        + " format ≤ 1.1 × body + 1 KB)");
    line("");
    line("| body | cachedhttp EXACT (default) | cachedhttp JSON_DOCUMENT | requests-cache |");
    line("|---|---|---|---|");
    for (int size : PeerComparison.SIZES) {
      long rc = peer.path("sizes").path(Integer.toString(size)).path("item_bytes").asLong();
      line("| %s | %s | %s | %s |", size(size), bytes(itemBytes.get(BodyFormat.EXACT).get(size),
          size), bytes(itemBytes.get(BodyFormat.JSON_DOCUMENT).get(size), size), bytes(rc, size));
    }
  }

  private Latency peer(int size, String kind) {
    JsonNode node = peer.path("sizes").path(Integer.toString(size)).path(kind);
    return new Latency(node.path("median_ms").asDouble(), node.path("p90_ms").asDouble(),
        node.path("calls").asInt());
  }

  private static String size(int bytes) {
    return bytes / 1024 + " KB";
  }

  private static String ms(Latency latency) {
    return String.format(Locale.ROOT, "%s (%s)", median(latency),
        format(latency.p90Millis()));
  }

  private static String median(Latency latency) {
    return format(latency.medianMillis());
  }

  private static String format(double millis) {
    return String.format(Locale.ROOT, millis < 1 ? "%.3f" : "%.2f", millis);
  }

  private static String ratio(Latency ours, Latency theirs, double target) {
    double ratio = ours.medianMillis() / theirs.medianMillis();
    return String.format(Locale.ROOT, "%.2f %s", ratio, ratio <= target ? "✓" : "✗");
  }

  private static String bytes(long bytes, int body) {
    return String.format(Locale.ROOT, "%,d (%.2f)", bytes, (double) bytes / body);
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
