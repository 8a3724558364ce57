package dev.cachedhttp.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB Local client that records the operation name of every call (not every retry), via
 * an SDK execution interceptor.
 */
final class RecordingClient implements AutoCloseable {
  private final List<String> operations = new CopyOnWriteArrayList<>();
  private final DynamoDbClient client;

  RecordingClient() {
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context,
          ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    };
    this.client = LocalTables.local().clientBuilder()
        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
        .build();
  }

  DynamoDbClient client() {
    return client;
  }

  /** The operations called since the last {@link #reset()}. */
  List<String> operations() {
    return List.copyOf(operations);
  }

  void reset() {
    operations.clear();
  }

  @Override
  public void close() {
    client.close();
  }
}
