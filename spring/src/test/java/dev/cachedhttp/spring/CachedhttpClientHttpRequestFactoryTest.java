package dev.cachedhttp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheOptions;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spring.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

class CachedhttpClientHttpRequestFactoryTest {
  private static final int FIVE_MIB = 5 << 20;

  private final MockWebServer origin = new MockWebServer();
  private CachedClient cached;
  private CachedhttpClientHttpRequestFactory factory;
  private RestClient rest;

  @BeforeEach
  void start() throws IOException {
    origin.start();
    cached = CachedClient.builder().backend(MemoryBackend.create())
        .expireAfter(Duration.ofMinutes(5)).build();
    factory = new CachedhttpClientHttpRequestFactory(cached);
    rest = RestClient.builder().requestFactory(factory)
        .baseUrl(origin.url("/").toString()).build();
  }

  @AfterEach
  void stop() {
    cached.close();
    origin.close();
  }

  private static MockResponse text(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(body).build();
  }

  @Test
  void aSecondGetIsServedFromTheCacheWithItsHeadersAndStatus() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .addHeader("X-Origin", "one").body("hello").build());

    ResponseEntity<String> first = rest.get().uri("/hello").header("Accept", "text/plain")
        .retrieve().toEntity(String.class);
    ResponseEntity<String> second = rest.get().uri("/hello").retrieve().toEntity(String.class);

    assertThat(second.getBody()).isEqualTo("hello");
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(second.getHeaders().getFirst("X-Origin")).isEqualTo("one");
    assertThat(first.getBody()).isEqualTo("hello");
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(origin.takeRequest().getHeaders().get("Accept")).isEqualTo("text/plain");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "GET", "TRACE"})
  void everyMethodReachesTheOriginWithItsHeadersAndBody(String name) throws Exception {
    boolean hasBody = List.of("POST", "PUT", "PATCH", "DELETE").contains(name);
    origin.enqueue(text("answer to " + name));

    RestClient.RequestBodySpec spec = rest.method(HttpMethod.valueOf(name)).uri("/thing")
        .header("X-Trace", "t-1");
    if (hasBody) {
      spec.contentType(MediaType.APPLICATION_JSON).body("{\"n\":1}");
    }
    ResponseEntity<String> response = spec.retrieve().toEntity(String.class);

    RecordedRequest request = origin.takeRequest();
    assertThat(request.getMethod()).isEqualTo(name);
    assertThat(request.getHeaders().get("X-Trace")).isEqualTo("t-1");
    assertThat(request.getBody() == null ? "" : request.getBody().utf8())
        .isEqualTo(hasBody ? "{\"n\":1}" : "");
    if (hasBody) {
      assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    }
    assertThat(response.getBody()).isEqualTo(name.equals("HEAD") ? null : "answer to " + name);
  }

  @Test
  void aPostBodySpringCanWriteTwiceIsKeyedSoTheSamePostIsCached() throws Exception {
    try (CachedClient posts = CachedClient.builder().backend(MemoryBackend.create())
        .allowableMethods("GET", "POST").expireAfter(Duration.ofMinutes(5)).build()) {
      RestClient postRest = RestClient.builder()
          .requestFactory(new CachedhttpClientHttpRequestFactory(posts))
          .baseUrl(origin.url("/").toString()).build();
      origin.enqueue(text("search results for shoes"));
      origin.enqueue(text("search results for hats"));

      String first = postRest.post().uri("/search").contentType(MediaType.APPLICATION_JSON)
          .body("{\"q\":\"shoes\"}").retrieve().body(String.class);
      String again = postRest.post().uri("/search").contentType(MediaType.APPLICATION_JSON)
          .body("{\"q\":\"shoes\"}").retrieve().body(String.class);
      String other = postRest.post().uri("/search").contentType(MediaType.APPLICATION_JSON)
          .body("{\"q\":\"hats\"}").retrieve().body(String.class);

      assertThat(again).isEqualTo(first).isEqualTo("search results for shoes");
      assertThat(other).isEqualTo("search results for hats");
      assertThat(origin.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void aPostWithoutABodyIsSentWithAnEmptyOne() throws Exception {
    origin.enqueue(text("ok"));

    rest.post().uri("/empty").retrieve().toBodilessEntity();

    RecordedRequest request = origin.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void aFiveMibUploadStreamsChunkedWithoutBeingBuffered() throws Exception {
    origin.enqueue(text("stored"));
    byte[] payload = payload(FIVE_MIB);
    List<Class<?>> streams = new ArrayList<>();

    rest.put().uri("/upload").contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(out -> {
          streams.add(out.getClass());
          for (int at = 0; at < payload.length; at += 64 << 10) {
            out.write(payload, at, Math.min(64 << 10, payload.length - at));
          }
        })
        .retrieve().toBodilessEntity();

    RecordedRequest request = origin.takeRequest();
    assertThat(request.getBodySize()).isEqualTo(FIVE_MIB);
    assertThat(request.getBody().toByteArray()).isEqualTo(payload);
    assertThat(request.getChunkSizes()).as("sent as it was written, chunked").hasSizeGreaterThan(1);
    assertThat(streams).singleElement().satisfies(type ->
        assertThat(type.getName()).doesNotContain("ByteArrayOutputStream"));
  }

  @Test
  void aFiveMibResponseStreamsAndComesBackByteExactFromTheCache() throws Exception {
    byte[] payload = payload(FIVE_MIB);
    origin.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/octet-stream")
        .body(new Buffer().write(payload)).build());

    byte[] first = rest.get().uri("/big").exchange((request, response) -> readAll(response
        .getBody()));
    AtomicReference<CacheInfo> info = new AtomicReference<>();
    byte[] second = rest.get().uri("/big").attribute(CachedhttpAttributes.CACHE_INFO, info)
        .retrieve().body(byte[].class);

    assertThat(first).isEqualTo(payload);
    assertThat(second).isEqualTo(payload);
    assertThat(info.get().source()).isEqualTo(CacheInfo.Source.CACHE);
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theCacheInfoAttributeTellsNetworkFromCache() {
    origin.enqueue(text("a"));
    AtomicReference<CacheInfo> first = new AtomicReference<>();
    AtomicReference<CacheInfo> second = new AtomicReference<>();

    rest.get().uri("/info").attribute(CachedhttpAttributes.CACHE_INFO, first)
        .retrieve().body(String.class);
    rest.get().uri("/info").attribute(CachedhttpAttributes.CACHE_INFO, second)
        .retrieve().body(String.class);

    assertThat(first.get().source()).isEqualTo(CacheInfo.Source.NETWORK);
    assertThat(first.get().stored()).isTrue();
    assertThat(second.get().fromCache()).isTrue();
  }

  @Test
  void perRequestOptionsRefreshOnlyIfCachedAndSkipApply() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("ETag", "\"v1\"").body("v1").build());
    origin.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    origin.enqueue(text("skipped"));

    ResponseEntity<String> unsatisfiable = rest.get().uri("/opt")
        .attribute(CachedhttpAttributes.CACHE_OPTIONS, CacheOptions.builder().onlyIfCached()
            .build())
        .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
            .body((String) null));
    rest.get().uri("/opt").retrieve().body(String.class);
    String refreshed = rest.get().uri("/opt")
        .attribute(CachedhttpAttributes.CACHE_OPTIONS, CacheOptions.builder().refresh().build())
        .retrieve().body(String.class);
    AtomicReference<CacheInfo> skipInfo = new AtomicReference<>();
    String skipped = rest.get().uri("/opt")
        .attribute(CachedhttpAttributes.CACHE_OPTIONS, CacheOptions.builder().skip().build())
        .attribute(CachedhttpAttributes.CACHE_INFO, skipInfo)
        .retrieve().body(String.class);

    assertThat(unsatisfiable.getStatusCode().value()).isEqualTo(504);
    assertThat(refreshed).isEqualTo("v1");
    assertThat(skipped).isEqualTo("skipped");
    assertThat(skipInfo.get().source()).isEqualTo(CacheInfo.Source.BYPASS);
    assertThat(origin.getRequestCount()).isEqualTo(3);
    origin.takeRequest();
    assertThat(origin.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
  }

  @Test
  void anAttributeOfTheWrongTypeIsRefusedNamingIt() {
    assertThatThrownBy(() -> rest.get().uri("/x")
        .attribute(CachedhttpAttributes.CACHE_OPTIONS, "refresh").retrieve().body(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CachedhttpAttributes.CACHE_OPTIONS)
        .hasMessageContaining("java.lang.String");
    assertThat(origin.getRequestCount()).isZero();
  }

  @Test
  void restTemplateIsCachedAndTakesOptionsFromAnInterceptor() throws Exception {
    origin.enqueue(text("one"));
    origin.enqueue(text("live"));
    RestTemplate template = new RestTemplate(factory);
    List<CacheInfo.Source> sources = new ArrayList<>();
    template.getInterceptors().add(CachedhttpAttributes.optionsInterceptor(request ->
        request.getURI().getPath().startsWith("/live") ? CacheOptions.builder().skip().build()
            : null));
    template.getInterceptors().add((request, body, execution) -> {
      var response = execution.execute(request, body);
      CachedhttpClientHttpRequestFactory.cacheInfo(response)
          .ifPresent(info -> sources.add(info.source()));
      return response;
    });

    assertThat(template.getForObject(origin.url("/one").toString(), String.class))
        .isEqualTo("one");
    assertThat(template.getForObject(origin.url("/one").toString(), String.class))
        .isEqualTo("one");
    assertThat(template.getForObject(origin.url("/live").toString(), String.class))
        .isEqualTo("live");

    assertThat(sources).containsExactly(CacheInfo.Source.NETWORK, CacheInfo.Source.CACHE,
        CacheInfo.Source.BYPASS);
    assertThat(origin.getRequestCount()).isEqualTo(2);
  }

  @Test
  void messageConvertersReadAndWriteJsonThroughTheCache() throws Exception {
    origin.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"id\":7,\"name\":\"Ada\"}").build());
    origin.enqueue(new MockResponse.Builder().code(201).build());

    User first = rest.get().uri("/users/7").retrieve().body(User.class);
    User cachedUser = rest.get().uri("/users/7").retrieve().body(User.class);
    rest.post().uri("/users").contentType(MediaType.APPLICATION_JSON).body(new User(8, "Grace"))
        .retrieve().toBodilessEntity();

    assertThat(cachedUser).isEqualTo(first).isEqualTo(new User(7, "Ada"));
    origin.takeRequest();
    assertThat(origin.takeRequest().getBody().utf8()).isEqualTo("{\"id\":8,\"name\":\"Grace\"}");
  }

  @Test
  void errorHandlersSeeTheOriginsErrorStatusAndBody() {
    origin.enqueue(new MockResponse.Builder().code(404).body("no such user").build());

    assertThatThrownBy(() -> rest.get().uri("/users/9").retrieve().body(String.class))
        .isInstanceOfSatisfying(HttpClientErrorException.NotFound.class, e ->
            assertThat(e.getResponseBodyAsString()).isEqualTo("no such user"));
  }

  @Test
  void theReadTimeoutOfTheFactoryApplies() {
    factory.setReadTimeout(Duration.ofMillis(200));
    origin.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("late")
        .build());

    long started = System.nanoTime();
    assertThatThrownBy(() -> rest.get().uri("/slow").retrieve().body(String.class))
        .isInstanceOf(ResourceAccessException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(factory.client().readTimeoutMillis()).isEqualTo(200);
  }

  @Test
  void timeoutSettersRefuseNegativeValuesNamingThem() {
    assertThatThrownBy(() -> factory.setConnectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout")
        .hasMessageContaining("PT-1S");
    factory.setWriteTimeout(Duration.ofSeconds(3));
    factory.setCallTimeout(Duration.ofSeconds(4));
    factory.setConnectTimeout(Duration.ofSeconds(2));

    assertThat(factory.client().writeTimeoutMillis()).isEqualTo(3000);
    assertThat(factory.client().callTimeoutMillis()).isEqualTo(4000);
    assertThat(factory.client().connectTimeoutMillis()).isEqualTo(2000);
  }

  @Test
  void theUsersOwnClientKeepsItsInterceptorsUnderTheCache() throws Exception {
    List<String> seen = new ArrayList<>();
    okhttp3.OkHttpClient own = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
      seen.add(chain.request().url().encodedPath());
      return chain.proceed(chain.request().newBuilder().header("X-Own", "yes").build());
    }).build();
    RestClient ownRest = RestClient.builder()
        .requestFactory(new CachedhttpClientHttpRequestFactory(cached, own)).build();
    origin.enqueue(text("own"));

    ownRest.get().uri(origin.url("/own").uri()).retrieve().body(String.class);
    ownRest.get().uri(origin.url("/own").uri()).retrieve().body(String.class);

    assertThat(origin.takeRequest().getHeaders().get("X-Own")).isEqualTo("yes");
    assertThat(seen).hasSize(2);
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  private static byte[] payload(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + (i >>> 11));
    }
    return bytes;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
