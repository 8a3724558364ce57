package dev.cachedhttp.testkit.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalTest {

  @Test
  void sharedServerIsStartedOnceAndInjected(DynamoDbLocal injected, DynamoDbClient client) {
    assertThat(injected).isSameAs(DynamoDbLocal.shared());
    assertThat(client).isSameAs(injected.client());
    assertThat(injected.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(injected.endpoint().getPort()).isEqualTo(injected.port()).isPositive();
  }

  @Test
  void clientsWithOtherCredentialsSeeTheSameTables(DynamoDbLocal local) {
    local.client().createTable(b -> b.tableName("testkit_shared")
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
            .attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    try (DynamoDbClient other = local.clientBuilder()
        .credentialsProvider(() -> AwsBasicCredentials.create("someoneElse", "secret"))
        .region(Region.EU_WEST_1)
        .build()) {
      assertThat(other.listTables().tableNames()).contains("testkit_shared");
    }
  }

  @Test
  void privateServerStopsCleanly() {
    DynamoDbLocal local = DynamoDbLocal.start();
    assertThat(local.isRunning()).isTrue();
    try (DynamoDbClient client = local.clientBuilder().build()) {
      assertThat(client.listTables().tableNames()).isEmpty();
      local.close();
      local.close();

      assertThat(local.isRunning()).isFalse();
      assertThatThrownBy(client::listTables).isInstanceOf(SdkClientException.class);
    }
  }
}
