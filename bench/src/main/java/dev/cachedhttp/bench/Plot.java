package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Draws the hit latencies of one run as a PNG: grouped bars per body size on a logarithmic
 * axis, in-process hits (cachedhttp's memory backend, {@code okhttp3.Cache}, the floor) on the
 * left and distributed hits (cachedhttp on DynamoDB Local, and any peer measured in the same
 * run) on the right. Reads whatever the results hold: a series missing from them is left out.
 * Usage: {@code Plot JMH.json PEERS.json OUTPUT.png MODE} ({@code PEERS.json} may be absent; it
 * holds {@code {"hits": [{"series": "...", "size": 1024, "micros": 123.4}, ...]}}). Runs
 * headless.
 */
public final class Plot {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 620;
  private static final int MARGIN = 70;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e),
      new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)};
  private static final Map<String, String> HIT_SERIES = Map.of(
      Subject.CACHEDHTTP, "cachedhttp (memory)", Subject.CACHEDHTTP_SQLITE, "cachedhttp (SQLite)",
      Subject.OKHTTP_CACHE, "okhttp3.Cache",
      Subject.FLOOR, "floor (prebuilt response)");

  /** One bar: a series' mean hit time at one body size. */
  record Bar(String series, long size, double micros) {}

  private Plot() {}

  /** Writes the plot; arguments as in the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: Plot JMH.json PEERS.json OUTPUT.png MODE");
    }
    System.setProperty("java.awt.headless", "true");
    ObjectMapper mapper = new ObjectMapper();
    JsonNode jmh = mapper.readTree(Path.of(args[0]).toFile());
    Path peers = Path.of(args[1]);
    JsonNode peer = Files.exists(peers) ? mapper.readTree(peers.toFile())
        : mapper.createObjectNode();
    List<Bar> local = new ArrayList<>();
    List<Bar> distributed = new ArrayList<>();
    read(jmh, peer, local, distributed);
    String note = String.format(Locale.ROOT, "Run of %s on %d cores%s. Timings on a loaded "
        + "machine are inflated: compare the bars of one picture, not pictures.", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), loadAverage());
    BufferedImage image = render(local, distributed, "cachedhttp hit latency (" + args[3]
        + " mode, mean µs per call, log scale; lower is better)", note);
    ImageIO.write(image, "png", Path.of(args[2]).toFile());
  }

  /** The 1-minute load average while the plot is drawn, when the system tells it. */
  private static String loadAverage() {
    Path loadavg = Path.of("/proc/loadavg");
    try {
      return Files.exists(loadavg)
          ? "; load average " + Files.readString(loadavg).split(" ")[0] + " when drawn" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Sorts the hit results of {@code jmh} and {@code peer} into the two panels. */
  static void read(JsonNode jmh, JsonNode peer, List<Bar> local, List<Bar> distributed) {
    for (JsonNode result : jmh) {
      String benchmark = result.path("benchmark").asText();
      JsonNode params = result.path("params");
      double micros = micros(result.path("primaryMetric"));
      long size = params.path("size").asLong();
      if (benchmark.endsWith(".HitBenchmark.get")) {
        String series = HIT_SERIES.get(params.path("subject").asText());
        if (series != null) {
          local.add(new Bar(series, size, micros));
        }
      } else if (benchmark.endsWith(".DynamoDbHitBenchmark.get")) {
        distributed.add(new Bar("cachedhttp (DynamoDB Local)", size, micros));
      }
    }
    for (JsonNode hit : peer.path("hits")) {
      distributed.add(new Bar(hit.path("series").asText(), hit.path("size").asLong(),
          hit.path("micros").asDouble()));
    }
  }

  private static double micros(JsonNode metric) {
    double score = metric.path("score").asDouble();
    return switch (metric.path("scoreUnit").asText("us/op")) {
      case "ns/op" -> score / 1_000;
      case "ms/op" -> score * 1_000;
      case "s/op" -> score * 1_000_000;
      default -> score;
    };
  }

  static BufferedImage render(List<Bar> local, List<Bar> distributed, String title,
      String note) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString(title, MARGIN, 32);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(note, MARGIN, HEIGHT - 14);
    int half = WIDTH / 2;
    panel(g, local, "In-process hits", MARGIN, half - MARGIN / 2);
    panel(g, distributed, "Distributed hits (DynamoDB Local on the same 2 cores)",
        half + MARGIN / 2, WIDTH - MARGIN / 2);
    g.dispose();
    return image;
  }

  private static void panel(Graphics2D g, List<Bar> bars, String title, int left, int right) {
    int top = 80;
    int bottom = HEIGHT - 110;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, left, top - 20);
    if (bars.isEmpty()) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      g.drawString("not measured in this run", left + 20, (top + bottom) / 2);
      return;
    }
    double min = bars.stream().mapToDouble(Bar::micros).min().orElse(1);
    double max = bars.stream().mapToDouble(Bar::micros).max().orElse(10);
    int lowExp = (int) Math.floor(Math.log10(min));
    int highExp = (int) Math.ceil(Math.log10(max) + 0.15);
    LogAxis axis = new LogAxis(lowExp, highExp, top, bottom);
    axis.draw(g, left, right);
    Set<String> series = new LinkedHashSet<>();
    Map<Long, Map<String, Double>> bySize = new LinkedHashMap<>();
    bars.stream().sorted((a, b) -> Long.compare(a.size(), b.size())).forEach(bar -> {
      series.add(bar.series());
      bySize.computeIfAbsent(bar.size(), s -> new LinkedHashMap<>()).put(bar.series(),
          bar.micros());
    });
    List<String> names = new ArrayList<>(series);
    int groupWidth = (right - left) / bySize.size();
    int barWidth = Math.min(60, (groupWidth - 30) / names.size());
    int group = 0;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (Map.Entry<Long, Map<String, Double>> size : bySize.entrySet()) {
      int x = left + group * groupWidth + (groupWidth - barWidth * names.size()) / 2;
      for (int i = 0; i < names.size(); i++) {
        Double micros = size.getValue().get(names.get(i));
        if (micros != null) {
          int y = axis.y(micros);
          g.setColor(COLORS[i % COLORS.length]);
          g.fillRect(x + i * barWidth, y, barWidth - 4, bottom - y);
          g.setColor(Color.BLACK);
          String label = Report.fmt(micros);
          g.drawString(label, x + i * barWidth + (barWidth - 4
              - g.getFontMetrics().stringWidth(label)) / 2, y - 4);
        }
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      String label = size.getKey() / 1024 + " KB body";
      g.drawString(label, left + group * groupWidth + (groupWidth
          - g.getFontMetrics().stringWidth(label)) / 2, bottom + 20);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      group++;
    }
    legend(g, names, left, bottom + 45);
  }

  private static void legend(Graphics2D g, List<String> names, int left, int y) {
    int x = left;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < names.size(); i++) {
      if (x + 40 + g.getFontMetrics().stringWidth(names.get(i)) > left + WIDTH / 2 - MARGIN) {
        x = left;
        y += 22;
      }
      g.setColor(COLORS[i % COLORS.length]);
      g.fillRect(x, y - 11, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(names.get(i), x + 20, y);
      x += 40 + g.getFontMetrics().stringWidth(names.get(i));
    }
  }

  /** A base-10 logarithmic vertical axis from 10^low to 10^high µs. */
  private record LogAxis(int low, int high, int top, int bottom) {
    int y(double micros) {
      double fraction = (Math.log10(Math.max(micros, Math.pow(10, low))) - low) / (high - low);
      return (int) Math.round(bottom - fraction * (bottom - top));
    }

    void draw(Graphics2D g, int left, int right) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int exp = low; exp <= high; exp++) {
        int y = y(Math.pow(10, exp));
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, y, right, y);
        g.setColor(Color.DARK_GRAY);
        String label = Report.fmt(Math.pow(10, exp)) + " µs";
        g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
      }
      g.setColor(Color.BLACK);
      g.drawLine(left, top, left, bottom);
      g.drawLine(left, bottom, right, bottom);
    }
  }
}
