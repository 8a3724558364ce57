package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.ValueCacheStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueCacheExampleTest {
  @Test
  void theExampleCachesValuesDirectlyAndThroughSpringInDynamoDbLocal() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ValueCacheStats stats = ValueCacheExample.runOnDynamoDbLocal(
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(stats.computes()).isEqualTo(1);
    assertThat(stats.hits()).isEqualTo(2);
    assertThat(stats.errors()).isZero();
    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("mykey -> {foo=bar}")
        .contains("spring: 3 calls of report(7), 1 computed")
        .contains("\"foo\"").contains("\"ttl\"").contains("Report 7");
  }
}
