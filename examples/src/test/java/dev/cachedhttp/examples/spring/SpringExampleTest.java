package dev.cachedhttp.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpringExampleTest {
  @Test
  void theSecondCallComesFromTheCacheAndCacheableReturnsTypedMembers() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int originRequests = SpringExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(originRequests).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("RestClient call 1:").contains("from the origin")
        .contains("RestClient call 2:").contains("from the cache")
        .contains("@Cacheable: 1 computation for 2 calls").contains("the cached list holds Member records");
  }
}
