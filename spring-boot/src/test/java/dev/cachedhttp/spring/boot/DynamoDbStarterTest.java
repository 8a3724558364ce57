package dev.cachedhttp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.spring.CachedhttpAttributes;
import dev.cachedhttp.spring.boot.app.TeamService;
import dev.cachedhttp.spring.boot.app.User;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A Spring Boot application (started once with {@code SpringApplication}) with the starter over a
 * DynamoDB Local table: calls through the
 * auto-configured RestClient, {@code @Cacheable} on the same table, and the health contributor.
 */
class DynamoDbStarterTest {
  private static final int FIVE_MIB = 5 << 20;
  private static final byte[] PAYLOAD = payload();
  private static final MockWebServer ORIGIN = new MockWebServer();
  private static final Map<String, RecordedRequest> LAST = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

  private static ConfigurableApplicationContext context;

  private final RestClient.Builder restBuilder = context.getBean(RestClient.Builder.class);
  private final CachedClient cached = context.getBean(CachedClient.class);
  private final TeamService teams = context.getBean(TeamService.class);
  private final CachedhttpHealthIndicator health =
      context.getBean(CachedhttpHealthIndicator.class);

  /** The application: auto-configuration, caching, the AWS credentials of DynamoDB Local. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class App {
    @Bean
    AwsCredentialsProvider credentials() {
      return DynamoDbLocal.shared().credentials();
    }

    @Bean
    TeamService teamService() {
      return new TeamService();
    }
  }

  @BeforeAll
  static void startApplication() throws IOException {
    ORIGIN.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        LAST.put(path, request);
        COUNTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        MockResponse.Builder response = new MockResponse.Builder()
            .addHeader("Content-Type", "text/plain");
        if (path.equals("/download")) {
          return response.body(new Buffer().write(PAYLOAD)).build();
        }
        return request.getMethod().equals("HEAD") ? response.build()
            : response.body("answer to " + request.getMethod() + " " + path).build();
      }
    });
    ORIGIN.start();
    DynamoDbLocal local = DynamoDbLocal.shared();
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(
        "cachedhttp.backend=dynamodb",
        "cachedhttp.expire-after=5m",
        "cachedhttp.dynamodb.endpoint=" + local.endpoint(),
        "cachedhttp.dynamodb.region=" + local.region().id(),
        "cachedhttp.dynamodb.table-name=boot_starter",
        "cachedhttp.dynamodb.create-table=true",
        "cachedhttp.cache.allowed-packages=" + User.class.getPackageName()).run();
  }

  private static byte[] payload() {
    byte[] payload = new byte[FIVE_MIB];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i % 251);
    }
    return payload;
  }

  @AfterAll
  static void stop() {
    context.close();
    ORIGIN.close();
  }

  private RestClient rest() {
    return restBuilder.baseUrl(ORIGIN.url("/").toString()).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
  void everyMethodGoesThroughTheCacheToTheOrigin(String name) throws Exception {
    boolean hasBody = List.of("POST", "PUT", "PATCH").contains(name);
    AtomicReference<CacheInfo> info = new AtomicReference<>();

    RestClient.RequestBodySpec spec = rest().method(HttpMethod.valueOf(name))
        .uri("/methods/" + name).attribute(CachedhttpAttributes.CACHE_INFO, info);
    if (hasBody) {
      spec.contentType(MediaType.TEXT_PLAIN).body("body of " + name);
    }
    String body = spec.retrieve().body(String.class);

    RecordedRequest request = LAST.get("/methods/" + name);
    assertThat(request.getMethod()).isEqualTo(name);
    assertThat(request.getBody() == null ? "" : request.getBody().utf8())
        .isEqualTo(hasBody ? "body of " + name : "");
    assertThat(body).isEqualTo(name.equals("HEAD") ? null
        : "answer to " + name + " /methods/" + name);
    assertThat(info.get().source()).isEqualTo(List.of("GET", "HEAD").contains(name)
        ? CacheInfo.Source.NETWORK : CacheInfo.Source.BYPASS);
  }

  @Test
  void aGetIsStoredInTheTableAndServedFromIt() throws Exception {
    AtomicReference<CacheInfo> info = new AtomicReference<>();

    rest().get().uri("/stored").retrieve().body(String.class);
    String again = rest().get().uri("/stored").attribute(CachedhttpAttributes.CACHE_INFO, info)
        .retrieve().body(String.class);
    String offline = rest().get().uri("/stored")
        .attribute(CachedhttpAttributes.CACHE_OPTIONS, CacheOptions.builder().onlyIfCached()
            .build())
        .retrieve().body(String.class);

    assertThat(again).isEqualTo("answer to GET /stored");
    assertThat(offline).isEqualTo("answer to GET /stored");
    assertThat(COUNTS.get("/stored").get()).isEqualTo(1);
    assertThat(info.get().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(cached.backend()).isInstanceOf(DynamoDbBackend.class);
    assertThat(cached.inspector().keys()).isNotEmpty();
  }

  @Test
  void fiveMibBodiesStreamBothWays() throws Exception {
    rest().post().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(out -> out.write(PAYLOAD)).retrieve().toBodilessEntity();
    byte[] downloaded = rest().get().uri("/download")
        .exchange((request, response) -> response.getBody().readAllBytes());

    RecordedRequest upload = LAST.get("/upload");
    assertThat(upload.getBody().toByteArray()).isEqualTo(PAYLOAD);
    assertThat(upload.getHeaders().get("Transfer-Encoding")).as("streamed, not buffered")
        .isEqualTo("chunked");
    assertThat(downloaded).isEqualTo(PAYLOAD);
  }

  @Test
  void cacheableValuesLiveInTheSameTableWithTheirGenericTypes() {
    List<User> first = teams.members("dynamo");
    List<User> second = teams.members("dynamo");

    assertThat(teams.runs()).isEqualTo(1);
    assertThat(second).isEqualTo(first);
    assertThat(second.get(1)).isInstanceOf(User.class);
    assertThat(cached.backend().values("teams").count()).isEqualTo(1);
  }

  @Test
  void theHealthContributorReadsTheTable() {
    Health result = health.health(true);

    assertThat(result.getStatus()).isEqualTo(Status.UP);
    assertThat(result.getDetails()).containsEntry("backend", "DynamoDbBackend");
  }

  @Test
  void anUnreachableTableIsDown() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StarterContexts.runner()
        .withBean(AwsCredentialsProvider.class, () -> DynamoDbLocal.shared().credentials())
        .withPropertyValues("cachedhttp.backend=dynamodb", "cachedhttp.dynamodb.region=us-east-1",
            "cachedhttp.dynamodb.endpoint=http://127.0.0.1:" + closedPort)
        .run(context -> {
          Health down = context.getBean(CachedhttpHealthIndicator.class).health(true);

          assertThat(down.getStatus()).isEqualTo(Status.DOWN);
          assertThat(down.getDetails()).containsKey("error");
        });
  }
}
