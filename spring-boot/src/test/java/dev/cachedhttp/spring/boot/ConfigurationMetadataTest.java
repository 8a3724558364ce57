package dev.cachedhttp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar carries configuration metadata, so an IDE completes and documents the properties. */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyIsDescribedWithItsDefault() throws IOException {
    JsonNode metadata;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    metadata.get("properties").forEach(property -> {
      names.add(property.get("name").asText());
      assertThat(property.path("description").asText()).as(property.get("name").asText())
          .isNotBlank().endsWith(".");
    });

    assertThat(names).contains("cachedhttp.backend", "cachedhttp.expire-after",
        "cachedhttp.urls-expire-after", "cachedhttp.cache-control", "cachedhttp.key-secret",
        "cachedhttp.dynamodb.table-name", "cachedhttp.dynamodb.region",
        "cachedhttp.dynamodb.endpoint", "cachedhttp.dynamodb.create-table",
        "cachedhttp.dynamodb.cache-name", "cachedhttp.memory.max-entries",
        "cachedhttp.memory.max-size", "cachedhttp.sqlite.path", "cachedhttp.cache.allowed-packages");
    metadata.get("properties").forEach(property -> {
      if (property.get("name").asText().equals("cachedhttp.backend")) {
        assertThat(property.get("defaultValue").asText()).isEqualTo("memory");
      }
    });
  }
}
