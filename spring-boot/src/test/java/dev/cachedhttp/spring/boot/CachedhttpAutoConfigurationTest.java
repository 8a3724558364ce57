package dev.cachedhttp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.CircuitState;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spring.CachedhttpAttributes;
import dev.cachedhttp.spring.CachedhttpCacheManager;
import dev.cachedhttp.spring.CachedhttpClientHttpRequestFactory;
import dev.cachedhttp.spring.boot.app.Page;
import dev.cachedhttp.spring.boot.app.TeamService;
import dev.cachedhttp.spring.boot.app.TestApplication;
import dev.cachedhttp.spring.boot.app.User;
import dev.cachedhttp.testkit.MutableClock;
import dev.cachedhttp.testkit.ScriptedBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.web.client.RestClient;

/** The starter in real application contexts over the memory backend. */
class CachedhttpAutoConfigurationTest {
  private static final MockWebServer ORIGIN = new MockWebServer();

  private final ApplicationContextRunner runner = StarterContexts.runner()
      .withUserConfiguration(TestApplication.class)
      .withPropertyValues("cachedhttp.expire-after=5m");

  @BeforeAll
  static void startOrigin() throws IOException {
    ORIGIN.start();
  }

  @AfterAll
  static void stopOrigin() {
    ORIGIN.close();
  }

  @BeforeEach
  void answerEveryRequest() {
    ORIGIN.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain")
            .body("answer " + request.getTarget()).build();
      }
    });
  }

  private static String url(String path) {
    return ORIGIN.url(path).toString();
  }

  @Test
  void theAutoConfiguredRestClientBuilderAndRestTemplateBuilderAreCached() {
    runner.run(context -> {
      int before = ORIGIN.getRequestCount();
      RestClient rest = context.getBean(RestClient.Builder.class).build();
      var template = context.getBean(RestTemplateBuilder.class).build();

      assertThat(rest.get().uri(url("/boot/a")).retrieve().body(String.class))
          .isEqualTo("answer /boot/a");
      assertThat(rest.get().uri(url("/boot/a")).retrieve().body(String.class))
          .isEqualTo("answer /boot/a");
      assertThat(template.getForObject(url("/boot/a"), String.class)).isEqualTo("answer /boot/a");

      assertThat(ORIGIN.getRequestCount() - before).isEqualTo(1);
      assertThat(context).hasSingleBean(CachedClient.class).hasSingleBean(MemoryBackend.class)
          .hasSingleBean(CachedhttpClientHttpRequestFactory.class);
    });
  }

  @Test
  void perRequestOptionsAndCacheInfoWorkThroughTheBootBuilder() {
    runner.run(context -> {
      RestClient rest = context.getBean(RestClient.Builder.class).build();
      AtomicReference<CacheInfo> info = new AtomicReference<>();
      rest.get().uri(url("/boot/options")).retrieve().body(String.class);

      rest.get().uri(url("/boot/options"))
          .attribute(CachedhttpAttributes.CACHE_OPTIONS, CacheOptions.builder().skip().build())
          .attribute(CachedhttpAttributes.CACHE_INFO, info)
          .retrieve().body(String.class);

      assertThat(info.get().source()).isEqualTo(CacheInfo.Source.BYPASS);
    });
  }

  @Test
  void propertiesReachTheClient() {
    runner.withPropertyValues("cachedhttp.cache-status-header=true",
            "cachedhttp.ignored-parameters=api_key",
            "cachedhttp.urls-expire-after[*/boot/never/**]=0s")
        .run(context -> {
          RestClient rest = context.getBean(RestClient.Builder.class).build();
          int before = ORIGIN.getRequestCount();

          rest.get().uri(url("/boot/props?api_key=1")).retrieve().body(String.class);
          var second = rest.get().uri(url("/boot/props?api_key=2")).retrieve()
              .toEntity(String.class);
          rest.get().uri(url("/boot/never/x")).retrieve().body(String.class);
          rest.get().uri(url("/boot/never/x")).retrieve().body(String.class);

          assertThat(second.getHeaders().getFirst("Cache-Status")).contains("hit");
          assertThat(ORIGIN.getRequestCount() - before).isEqualTo(3);
        });
  }

  @Test
  void theKeySecretKeysCredentialedRequests() {
    okhttp3.Request alice = new okhttp3.Request.Builder().url(url("/boot/private"))
        .header("Authorization", "Basic YWxpY2U6c2VjcmV0").build();
    List<String> keys = new java.util.ArrayList<>();
    for (String secret : List.of("one shared fleet secret", "one shared fleet secret",
        "another fleet's secret!")) {
      runner.withPropertyValues("cachedhttp.key-secret=" + secret).run(context ->
          keys.add(context.getBean(CachedClient.class).inspector().keyOf(alice).orElseThrow()));
    }

    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
  }

  @Test
  void aNearCacheAnswersWhenTheFleetPropertiesAskForOne() {
    for (boolean near : List.of(true, false)) {
      runner.withPropertyValues(near ? "cachedhttp.fleet.near-cache-max-age=5s"
          : "cachedhttp.fleet.coalesce=false").run(context -> {
            RestClient rest = context.getBean(RestClient.Builder.class).build();
            AtomicReference<CacheInfo> info = new AtomicReference<>();
            rest.get().uri(url("/boot/near/" + near)).retrieve().body(String.class);

            rest.get().uri(url("/boot/near/" + near))
                .attribute(CachedhttpAttributes.CACHE_INFO, info).retrieve().body(String.class);

            assertThat(info.get().fromCache()).isTrue();
            assertThat(info.get().fromNearCache()).isEqualTo(near);
          });
    }
  }

  @Test
  void theCustomizersBackOffWhenRestClientsAreTurnedOff() {
    runner.withPropertyValues("cachedhttp.rest-clients=false").run(context -> {
      RestClient rest = context.getBean(RestClient.Builder.class).build();
      int before = ORIGIN.getRequestCount();

      rest.get().uri(url("/boot/off")).retrieve().body(String.class);
      rest.get().uri(url("/boot/off")).retrieve().body(String.class);

      assertThat(ORIGIN.getRequestCount() - before).isEqualTo(2);
      assertThat(context).hasSingleBean(CachedClient.class);
    });
  }

  @Test
  void theUsersOwnClientIsUsedAndNothingIsConfiguredWhenDisabled() {
    try (CachedClient own = CachedClient.builder().backend(MemoryBackend.create()).build()) {
      runner.withBean(CachedClient.class, () -> own).run(context ->
          assertThat(context.getBean(CachedhttpClientHttpRequestFactory.class).client()
              .interceptors()).contains(own.interceptor()));
    }
    runner.withPropertyValues("cachedhttp.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(CachedClient.class)
            .doesNotHaveBean(CachedhttpCacheManager.class));
  }

  @Test
  void theCacheManagerReturnsGenericTypesAsTheyWere() {
    runner.run(context -> {
      TeamService teams = context.getBean(TeamService.class);

      List<User> first = teams.members("core");
      List<User> second = teams.members("core");

      assertThat(context.getBean(CacheManager.class)).isInstanceOf(CachedhttpCacheManager.class);
      assertThat(((CachedhttpCacheManager) context.getBean(CacheManager.class)).backend())
          .isSameAs(context.getBean(CachedClient.class).backend());
      assertThat(teams.runs()).isEqualTo(1);
      assertThat(second).isEqualTo(first);
      assertThat(second.get(0)).isInstanceOf(User.class);
      List<Page<User>> pages = teams.pages("core");
      assertThat(teams.pages("core")).isEqualTo(pages);
      assertThat(teams.pages("core").get(0).items().get(0)).isInstanceOf(User.class);
    });
  }

  @Test
  void theCacheManagerIsOnlyMadeForCachedhttpOrAnUnsetCacheType() {
    runner.withPropertyValues("spring.cache.type=cachedhttp").run(context ->
        assertThat(context.getBean(CacheManager.class))
            .isInstanceOf(CachedhttpCacheManager.class));
    runner.withPropertyValues("spring.cache.type=simple").run(context ->
        assertThat(context.getBean(CacheManager.class))
            .isInstanceOf(ConcurrentMapCacheManager.class));
    runner.withBean(CacheManager.class, ConcurrentMapCacheManager::new).run(context ->
        assertThat(context).doesNotHaveBean(CachedhttpCacheManager.class));
    StarterContexts.runner().run(context ->
        assertThat(context).as("no @EnableCaching").doesNotHaveBean(CacheManager.class));
  }

  @Test
  void metersAreBoundToTheRegistryAndCountHits() {
    runner.run(context -> {
      RestClient rest = context.getBean(RestClient.Builder.class).build();
      rest.get().uri(url("/boot/meters")).retrieve().body(String.class);
      rest.get().uri(url("/boot/meters")).retrieve().body(String.class);

      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get("cache.gets").tag("cache", "cachedhttp").tag("result", "hit")
          .functionCounter().count()).isEqualTo(1.0);
    });
  }

  @Test
  void theCachesNamedAtStartUpGetCacheMeters() {
    runner.withPropertyValues("spring.cache.cache-names=teams").run(context -> {
      TeamService teams = context.getBean(TeamService.class);
      teams.members("metered");
      teams.members("metered");

      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get("cache.gets").tag("cache", "teams").tag("result", "hit")
          .functionCounter().count()).isEqualTo(1.0);
      assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactly("teams");
    });
  }

  @Test
  void theHealthContributorReportsTheBackendAndTheBreaker() {
    runner.run(context -> {
      Health health = context.getBean(CachedhttpHealthIndicator.class).health(true);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("backend", "MemoryBackend")
          .containsEntry("circuitState", "CLOSED");
    });
    runner.withPropertyValues("management.health.cachedhttp.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(CachedhttpHealthIndicator.class));
  }

  @Test
  void anOpenCircuitBreakerIsDownWhileTheBackendAnswers() throws Exception {
    MutableClock clock = MutableClock.create();
    ScriptedBackend backend = new ScriptedBackend(MemoryBackend.create(), clock).failing(true);
    try (CachedClient own = CachedClient.builder().backend(backend).clock(clock)
        .expireAfter(java.time.Duration.ofMinutes(1)).build()) {
      for (int i = 0; i < 20 && own.stats().circuitState() != CircuitState.OPEN; i++) {
        own.client().newCall(new okhttp3.Request.Builder().url(url("/boot/breaker/" + i))
            .build()).execute().close();
      }
      backend.failing(false);

      runner.withBean(CachedClient.class, () -> own).run(context -> {
        Health health = context.getBean(CachedhttpHealthIndicator.class).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("circuitState", "OPEN")
            .containsKey("reason");
      });
    }
  }

  @Test
  void bootsHttpClientTimeoutsApplyToTheFactory() {
    runner.withPropertyValues("spring.http.clients.connect-timeout=1200ms",
        "spring.http.clients.read-timeout=3400ms").run(context -> {
          CachedhttpClientHttpRequestFactory factory =
              context.getBean(CachedhttpClientHttpRequestFactory.class);

          assertThat(factory.client().connectTimeoutMillis()).isEqualTo(1200);
          assertThat(factory.client().readTimeoutMillis()).isEqualTo(3400);
          assertThat(context).getBeans(org.springframework.http.client.ClientHttpRequestFactory
              .class).hasSize(1);
        });
  }

  @Test
  void theSqliteBackendIsBuiltFromItsPropertiesAndCachesAcrossContexts(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
    String file = folder.resolve("boot-cache.db").toString();
    ApplicationContextRunner sqlite = runner.withPropertyValues("cachedhttp.backend=sqlite",
        "cachedhttp.sqlite.path=" + file, "cachedhttp.sqlite.max-size=8MB");
    int before = ORIGIN.getRequestCount();

    sqlite.run(context -> {
      assertThat(context).hasSingleBean(dev.cachedhttp.sqlite.SqliteBackend.class);
      RestClient rest = context.getBean(RestClient.Builder.class).build();
      assertThat(rest.get().uri(url("/boot/sqlite")).retrieve().body(String.class))
          .isEqualTo("answer /boot/sqlite");
    });
    sqlite.run(context -> {
      RestClient rest = context.getBean(RestClient.Builder.class).build();
      assertThat(rest.get().uri(url("/boot/sqlite")).retrieve().body(String.class))
          .isEqualTo("answer /boot/sqlite");
    });

    assertThat(ORIGIN.getRequestCount() - before).as("the second context read the file")
        .isEqualTo(1);
    assertThat(java.nio.file.Files.exists(java.nio.file.Path.of(file))).isTrue();
  }
}
