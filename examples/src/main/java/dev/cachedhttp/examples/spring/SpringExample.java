package dev.cachedhttp.examples.spring;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.examples.LocalOrigin;
import dev.cachedhttp.spring.CachedhttpAttributes;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A Spring Boot application with the cachedhttp starter: the auto-configured {@code
 * RestClient.Builder} caches calls to a slow local origin with no code of its own (the second call
 * is served from the cache), and {@code @Cacheable} stores a {@code List<Team.Member>} in the same
 * backend and returns it typed. Configuration is three properties ({@code cachedhttp.expire-after}
 * and the example's own two).
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.cachedhttp.examples.spring.SpringExample
 * </pre>
 */
@SpringBootApplication
@EnableCaching
public class SpringExample {

  /** Runs the example against a local origin and prints what happened. */
  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /**
   * Starts the application, makes the calls, prints them to {@code out}, and stops.
   *
   * @return how many requests reached the origin (1: the second call came from the cache)
   */
  public static int run(PrintStream out) throws IOException {
    // the examples log through slf4j-simple; keep Spring Boot from configuring a logging system
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    try (LocalOrigin origin = LocalOrigin.start(Duration.ofMillis(200));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringExample.class)
            .web(WebApplicationType.NONE)
            .properties("cachedhttp.expire-after=5m", "spring.main.banner-mode=off")
            .run()) {
      RestClient rest = context.getBean(RestClient.Builder.class).baseUrl(origin.baseUrl())
          .build();
      for (int call = 1; call <= 2; call++) {
        long started = System.nanoTime();
        // snippet: spring-cache-info
        AtomicReference<CacheInfo> info = new AtomicReference<>();
        String user = rest.get().uri("/users/1")
            .attribute(CachedhttpAttributes.CACHE_INFO, info)   // what the cache did
            .retrieve().body(String.class);
        boolean fromCache = info.get().fromCache();
        // end snippet
        out.printf("RestClient call %d: %s in %d ms, %s%n", call, user,
            (System.nanoTime() - started) / 1_000_000,
            fromCache ? "from the cache" : "from the origin");
      }
      Team team = context.getBean(Team.class);
      List<Team.Member> first = team.members("core");
      List<Team.Member> second = team.members("core");
      out.printf("@Cacheable: %d computation for 2 calls; the cached list holds %s records%n",
          team.computations(), second.get(0).getClass().getSimpleName());
      out.printf("origin requests: %d%n", origin.requestCount());
      return first.equals(second) ? origin.requestCount() : -1;
    }
  }
}
