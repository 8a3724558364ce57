package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.WriteMode;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.StoredRequest;
import dev.cachedhttp.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stored responses read the way a user reads them: {@code aws dynamodb query} (or, where the CLI
 * is not installed, the SDK's raw query in the same JSON shape) shows status, url, the headers map
 * and the body as text, or with {@link BodyFormat#JSON_DOCUMENT} the JSON body's fields as
 * DynamoDB attributes.
 */
class ReadabilityTest {
  private static final String JSON_BODY =
      "{\"id\": 7, \"name\": \"Ada\", \"langs\": [\"en\", \"fr\"], \"address\": {\"city\": \"Paris\"}}";

  private final MutableClock clock = MutableClock.create();

  private static void assumeAvailable(UserQuery reader) {
    if (reader == UserQuery.AWS_CLI) {
      assumeTrue(UserQuery.awsCliInstalled(), "the aws CLI is not installed "
          + "(backend-dynamodb/install-aws-cli.sh installs it); the SDK variant still runs");
    }
  }

  @ParameterizedTest
  @EnumSource(UserQuery.class)
  void anItemStoredAsTheInterceptorWouldIsReadableWithAQuery(UserQuery reader) throws Exception {
    assumeAvailable(reader);
    String table = LocalTables.tableWithoutTtlDeletion("readable");
    try (DynamoDbBackend backend = LocalTables.backend(table, clock)
        .bodyFormat(BodyFormat.JSON_DOCUMENT).build()) {
      String url = "https://api.example.com/users/7";
      ByteString body = ByteString.encodeUtf8(JSON_BODY);
      backend.responses().put("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          CachedResponse.builder()
              .url(url).method("GET").status(200).message("OK")
              .headers(Headers.of("Content-Type", "application/json",
                  "Content-Length", Integer.toString(body.size()), "ETag", "\"v1\""))
              .body(body)
              .request(new StoredRequest("GET", url, Headers.of("Accept", "application/json")))
              .createdAt(clock.instant())
              .expires(clock.instant().plus(Duration.ofHours(1)))
              .build(),
          clock.instant().plus(Duration.ofHours(2)));

      JsonNode item = onlyItem(reader.query(table, "responses", null));

      assertReadable(item, url);
      assertJsonDocument(item);
      assertThat(item.at("/headers/M/ETag/L/0/S").asText()).isEqualTo("\"v1\"");
      assertThat(item.at("/ttl/N").asLong())
          .isEqualTo(clock.instant().plus(Duration.ofHours(2)).getEpochSecond());
      JsonNode projected = onlyItem(reader.query(table, "responses", "body.address.city"));
      assertThat(projected.at("/body/M/address/M/city/S").asText()).isEqualTo("Paris");
    }
  }

  @ParameterizedTest
  @EnumSource(UserQuery.class)
  void aCachedGetOfAJsonEndpointIsServedFromDynamoDbAndReadable(UserQuery reader)
      throws Exception {
    assumeAvailable(reader);
    String table = LocalTables.tableWithoutTtlDeletion("end_to_end");
    try (MockWebServer origin = new MockWebServer();
        CachedClient cached = CachedClient.builder()
            .backend(LocalTables.backend(table, clock).build())
            .writeMode(WriteMode.SYNC)
            .expireAfter(Duration.ofHours(1))
            .clock(clock)
            .build()) {
      origin.enqueue(new MockResponse.Builder().body(JSON_BODY)
          .addHeader("Content-Type", "application/json").build());
      origin.start();
      String url = origin.url("/users/7").toString();
      OkHttpClient client = cached.client();

      List<CacheInfo.Source> sources = List.of(get(client, url), get(client, url));

      assertThat(sources).containsExactly(CacheInfo.Source.NETWORK, CacheInfo.Source.CACHE);
      assertThat(origin.getRequestCount()).isEqualTo(1);
      JsonNode item = onlyItem(reader.query(table, "responses", null));
      assertReadable(item, url);
      assertThat(item.at("/body_encoding/S").asText()).isEqualTo("text");
      assertThat(item.at("/body/S").asText()).isEqualTo(JSON_BODY);
      System.out.println("What `aws dynamodb query` shows (" + reader + "):\n"
          + reader.run(table, "responses", null));
    }
  }

  private static CacheInfo.Source get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.body().string()).contains("\"Ada\"");
      return CacheInfo.of(response).source();
    }
  }

  private static JsonNode onlyItem(JsonNode output) {
    assertThat(output.get("Items")).hasSize(1);
    return output.get("Items").get(0);
  }

  private static void assertReadable(JsonNode item, String url) {
    assertThat(item.at("/status/N").asText()).isEqualTo("200");
    assertThat(item.at("/url/S").asText()).isEqualTo(url);
    assertThat(item.at("/method/S").asText()).isEqualTo("GET");
    assertThat(item.at("/headers/M/Content-Type/L/0/S").asText()).startsWith("application/json");
    assertThat(item.at("/created_at/S").asText()).isEqualTo("2026-01-01T00:00:00Z");
  }

  private static void assertJsonDocument(JsonNode item) {
    assertThat(item.at("/body_encoding/S").asText()).isEqualTo("json");
    JsonNode body = item.at("/body/M");
    assertThat(body.at("/id/N").asText()).isEqualTo("7");
    assertThat(body.at("/name/S").asText()).isEqualTo("Ada");
    assertThat(body.at("/langs/L/1/S").asText()).isEqualTo("fr");
    assertThat(body.at("/address/M/city/S").asText()).isEqualTo("Paris");
  }
}
