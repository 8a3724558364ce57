package dev.cachedhttp.spring.boot;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.spi.Backend;
import org.springframework.beans.factory.BeanFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Builds the DynamoDB backend; loaded only when {@code cachedhttp-backend-dynamodb} is on the
 * class path. Not instantiable.
 */
final class DynamoDbBackends {
  private DynamoDbBackends() {}

  /**
   * The backend of {@code dynamodb}, with the {@code AwsCredentialsProvider} bean of {@code beans}
   * if there is one.
   *
   * @throws dev.cachedhttp.spi.StorageException naming table, region and endpoint when the table
   *     cannot be created or checked
   */
  static Backend create(CachedhttpProperties.DynamoDb dynamodb, BeanFactory beans,
      PropertyValues values) {
    DynamoDbBackend.Builder builder = DynamoDbBackend.builder();
    values.set("cachedhttp.dynamodb.table-name", dynamodb.tableName(), builder::tableName);
    values.set("cachedhttp.dynamodb.region", dynamodb.region(), builder::region);
    values.set("cachedhttp.dynamodb.endpoint", dynamodb.endpoint(), builder::endpointOverride);
    values.set("cachedhttp.dynamodb.cache-name", dynamodb.cacheName(), builder::cacheName);
    builder.createTable(dynamodb.createTable());
    beans.getBeanProvider(AwsCredentialsProvider.class).ifAvailable(builder::credentialsProvider);
    try {
      return builder.build();
    } catch (IllegalStateException noRegion) {
      throw values.invalid("cachedhttp.dynamodb.region",
          dynamodb.region() == null ? "(unset)" : dynamodb.region(), noRegion.getMessage());
    }
  }
}
