package dev.cachedhttp.dynamodb.internal;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape of the cache table: key schema, billing mode and TTL attribute. The single source of
 * these names for the table manager, the item codec and the CloudFormation template test.
 */
public final class TableLayout {
  /** The partition key attribute: the (possibly prefixed and sharded) namespace. */
  public static final String PARTITION_KEY = "namespace";

  /** The sort key attribute: the cache key within the namespace. */
  public static final String SORT_KEY = "key";

  /** The type of both key attributes. */
  public static final ScalarAttributeType KEY_TYPE = ScalarAttributeType.S;

  /** Tables are created with on-demand capacity. */
  public static final BillingMode BILLING_MODE = BillingMode.PAY_PER_REQUEST;

  /** The attribute DynamoDB's TTL deletes by: a Number, epoch seconds. */
  public static final String TTL_ATTRIBUTE = "ttl";

  private TableLayout() {}

  /** The key schema: {@value #PARTITION_KEY} as HASH, {@value #SORT_KEY} as RANGE. */
  public static List<KeySchemaElement> keySchema() {
    return List.of(
        KeySchemaElement.builder().attributeName(PARTITION_KEY).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(SORT_KEY).keyType(KeyType.RANGE).build());
  }

  /** The attribute definitions of the two key attributes. */
  public static List<AttributeDefinition> attributeDefinitions() {
    return List.of(
        AttributeDefinition.builder().attributeName(PARTITION_KEY).attributeType(KEY_TYPE).build(),
        AttributeDefinition.builder().attributeName(SORT_KEY).attributeType(KEY_TYPE).build());
  }

  /** The request that creates the cache table named {@code tableName}. */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .keySchema(keySchema())
        .attributeDefinitions(attributeDefinitions())
        .billingMode(BILLING_MODE)
        .build();
  }

  /** The primary key of the item stored under {@code key} in partition {@code partition}. */
  public static Map<String, AttributeValue> primaryKey(String partition, String key) {
    return Map.of(PARTITION_KEY, AttributeValue.fromS(partition), SORT_KEY,
        AttributeValue.fromS(key));
  }
}
