package dev.cachedhttp.testkit.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CliJsonTest {
  @Test
  void itemsAreRenderedWithTypeWrappersLikeTheAwsCli() throws Exception {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("status", AttributeValue.fromN("200"));
    item.put("url", AttributeValue.fromS("https://example.com/"));
    item.put("body", AttributeValue.fromM(Map.of("tags", AttributeValue.fromL(List.of(
        AttributeValue.fromS("a"), AttributeValue.fromBool(true), AttributeValue.fromNul(true))))));
    item.put("raw", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")));

    JsonNode output = new ObjectMapper().readTree(CliJson.queryOutput(List.of(item)));

    assertThat(output.get("Count").asInt()).isEqualTo(1);
    JsonNode read = output.get("Items").get(0);
    assertThat(read.get("status").get("N").asText()).isEqualTo("200");
    assertThat(read.get("url").get("S").asText()).isEqualTo("https://example.com/");
    JsonNode tags = read.get("body").get("M").get("tags").get("L");
    assertThat(tags.get(0).get("S").asText()).isEqualTo("a");
    assertThat(tags.get(1).get("BOOL").asBoolean()).isTrue();
    assertThat(tags.get(2).get("NULL").asBoolean()).isTrue();
    assertThat(read.get("raw").get("B").asText()).isEqualTo("aGk=");
  }
}
