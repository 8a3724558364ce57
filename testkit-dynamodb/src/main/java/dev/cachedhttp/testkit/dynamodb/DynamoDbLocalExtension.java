package dev.cachedhttp.testkit.dynamodb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A JUnit 5 extension that injects the JVM-wide {@link DynamoDbLocal#shared()} server, so a whole
 * test suite starts DynamoDB Local once.
 *
 * <p>Use with {@code @ExtendWith(DynamoDbLocalExtension.class)}; test constructors, lifecycle and
 * test methods may then declare a {@link DynamoDbLocal} parameter (the server) or a {@link
 * DynamoDbClient} parameter (its shared client, which tests must not close). Needs JUnit Jupiter
 * on the class path; the rest of this module does not.
 */
public final class DynamoDbLocalExtension implements ParameterResolver {

  /** Creates the extension; JUnit calls this. */
  public DynamoDbLocalExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DynamoDbLocal.class || type == DynamoDbClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DynamoDbLocal local = DynamoDbLocal.shared();
    return parameter.getParameter().getType() == DynamoDbClient.class ? local.client() : local;
  }
}
