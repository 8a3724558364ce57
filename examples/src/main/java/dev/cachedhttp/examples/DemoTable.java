package dev.cachedhttp.examples;

import dev.cachedhttp.testkit.dynamodb.CliJson;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the demo shows of its DynamoDB table: one item, and the commands that read it. */
final class DemoTable {
  /** The table the demo's cache uses. */
  static final String TABLE = "http_cache";

  /** Attributes shown first, in this order; the others follow by name. */
  private static final List<String> FIRST = List.of("namespace", "key", "status", "url",
      "method", "created_at", "expires", "ttl", "headers", "body_encoding", "body");

  private DemoTable() {}

  /** Prints one item of the responses namespace, one attribute per line as DynamoDB types it. */
  static void printOneItem(DynamoDbLocal local, PrintStream out) {
    List<Map<String, AttributeValue>> items = local.client().query(q -> q
        .tableName(TABLE)
        .keyConditionExpression("#ns = :n")
        .expressionAttributeNames(Map.of("#ns", "namespace"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("responses")))
        .limit(1)).items();
    out.printf("%nstored item: one of the responses, attribute by attribute as aws dynamodb query "
        + "shows them%n");
    items.stream().findFirst().ifPresent(item -> item.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, AttributeValue> e) -> order(e.getKey()))
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> out.printf("  %-16s %s%n", e.getKey(), CliJson.value(e.getValue()))));
  }

  private static int order(String attribute) {
    int index = FIRST.indexOf(attribute);
    return index < 0 ? FIRST.size() : index;
  }

  /** Prints the shell commands that read the table of {@code local} from another terminal. */
  static void printCommands(DynamoDbLocal local, PrintStream out) {
    String endpoint = "http://localhost:" + local.port();
    out.printf("%nDynamoDB Local keeps running on %s until you press Ctrl-C. From another shell"
        + " in this folder:%n", endpoint);
    out.printf("  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=%s "
        + "AWS_DEFAULT_REGION=%s%n", DynamoDbLocal.REGION, DynamoDbLocal.REGION);
    out.printf("  %s%n", awsQuery(endpoint));
    out.printf("  bin/cachedhttp ls --endpoint %s%n", endpoint);
    out.printf("(bin/cachedhttp needs its jar once: mvn -q -B -pl cli -am package "
        + "-DskipTests)%n");
  }

  /**
   * The {@code aws dynamodb query} of the responses namespace at {@code endpoint}; works with
   * AWS CLI v1 and v2 (region given on the command line).
   */
  static String awsQuery(String endpoint) {
    return "aws dynamodb query --endpoint-url " + endpoint + " --region "
        + DynamoDbLocal.REGION + " --table-name " + TABLE
        + " --key-condition-expression 'namespace = :n'"
        + " --expression-attribute-values '{\":n\": {\"S\": \"responses\"}}'";
  }
}
