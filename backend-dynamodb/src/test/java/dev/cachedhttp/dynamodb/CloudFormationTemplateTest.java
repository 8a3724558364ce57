package dev.cachedhttp.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cachedhttp.dynamodb.internal.TableLayout;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The CloudFormation template creates exactly the table {@link DynamoDbBackend} creates: the
 * expected values come from the request the backend sends, not from literals. CloudFormation
 * short tags ({@code !Ref}, {@code !If}) parse as plain values, which is enough here.
 */
class CloudFormationTemplateTest {
  private static final CreateTableRequest CREATED = TableLayout.createTableRequest("any");
  private static JsonNode template;
  private static JsonNode table;

  @BeforeAll
  static void parseTemplate() throws Exception {
    try (InputStream in = CloudFormationTemplateTest.class
        .getResourceAsStream("/cloudformation/http-cache-table.yaml")) {
      assertThat(in).as("cloudformation/http-cache-table.yaml on the test class path").isNotNull();
      template = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    table = template.at("/Resources/CacheTable");
  }

  @Test
  void theTemplateDefinesOneDynamoDbTable() {
    assertThat(table.get("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
    assertThat(template.get("Resources")).hasSize(1);
  }

  @Test
  void keySchemaMatchesTheBackend() {
    List<Map<String, String>> expected = new ArrayList<>();
    CREATED.keySchema().forEach(k -> expected.add(
        Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())));

    assertThat(pairs(table.at("/Properties/KeySchema"), "AttributeName", "KeyType"))
        .isEqualTo(expected);
  }

  @Test
  void attributeDefinitionsMatchTheBackend() {
    List<Map<String, String>> expected = new ArrayList<>();
    CREATED.attributeDefinitions().forEach(a -> expected.add(
        Map.of("AttributeName", a.attributeName(), "AttributeType", a.attributeTypeAsString())));

    assertThat(pairs(table.at("/Properties/AttributeDefinitions"), "AttributeName",
        "AttributeType")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void billingModeAndTtlMatchTheBackend() {
    assertThat(table.at("/Properties/BillingMode").asText())
        .isEqualTo(CREATED.billingModeAsString());
    assertThat(table.at("/Properties/TimeToLiveSpecification/AttributeName").asText())
        .isEqualTo(TableLayout.TTL_ATTRIBUTE);
    assertThat(table.at("/Properties/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
  }

  @Test
  void parametersDefaultToTheBackendDefaultsAndOfferRecoveryAndKms() {
    JsonNode parameters = template.get("Parameters");
    assertThat(parameters.at("/TableName/Default").asText())
        .isEqualTo(DynamoDbBackend.DEFAULT_TABLE_NAME);
    assertThat(parameters.has("PointInTimeRecovery")).isTrue();
    assertThat(parameters.at("/KmsKeyArn/Default").asText()).isEmpty();
    assertThat(table.at("/Properties/PointInTimeRecoverySpecification").isMissingNode()).isFalse();
    assertThat(table.at("/Properties/SSESpecification").isMissingNode()).isFalse();
  }

  private static List<Map<String, String>> pairs(JsonNode list, String first, String second) {
    List<Map<String, String>> pairs = new ArrayList<>();
    list.forEach(n -> pairs.add(Map.of(first, n.get(first).asText(), second,
        n.get(second).asText())));
    return pairs;
  }
}
