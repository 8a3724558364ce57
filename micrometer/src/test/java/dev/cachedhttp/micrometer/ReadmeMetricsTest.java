package dev.cachedhttp.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's metrics section true: its snippet is the code below, its meters exist. */
class ReadmeMetricsTest {
  private static final String SNIPPET = """
      MeterRegistry registry = new SimpleMeterRegistry();   // or your Prometheus, OTLP... registry
      CachedClient cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()
          .backend(MemoryBackend.create())
          .expireAfter(Duration.ofMinutes(5))
          .build(), "github-api", "team", "payments");
      """;

  private static String section() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## Metrics");
    assertThat(start).as("README section ## Metrics").isNotNegative();
    int end = readme.indexOf("\n## ", start + 3);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void theReadmeSnippetIsTheCodeThisTestRuns() throws IOException {
    assertThat(section()).contains(SNIPPET);

    MeterRegistry registry = new SimpleMeterRegistry();   // or your Prometheus, OTLP... registry
    CachedClient cached = CachedHttpMetrics.monitor(registry, CachedClient.builder()
        .backend(MemoryBackend.create())
        .expireAfter(Duration.ofMinutes(5))
        .build(), "github-api", "team", "payments");

    try (cached) {
      assertThat(registry.get("cache.gets").tags("cache", "github-api", "team", "payments")
          .functionCounters()).hasSize(2);
    }
  }

  @Test
  void everyMeterTheReadmeListsIsRegistered() throws IOException {
    Matcher names = Pattern.compile("^\\| `((?:cache|cachedhttp)\\.[a-z.]+)",
        Pattern.MULTILINE).matcher(section());
    List<String> listed = names.results().map(m -> m.group(1)).toList();
    MeterRegistry registry = new SimpleMeterRegistry();
    try (CachedClient cached = CachedClient.builder().backend(MemoryBackend.create()).build()) {
      CachedHttpMetrics.monitor(registry, cached, "docs");

      assertThat(listed).hasSize(17);
      assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsAll(listed);
      assertThat(listed).containsAll(registry.getMeters().stream()
          .map(m -> m.getId().getName()).toList());
    }
  }
}
