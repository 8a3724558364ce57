package dev.cachedhttp.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cachedhttp.ValueCache;
import dev.cachedhttp.ValueCacheStats;
import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.CliJson;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The README's value-cache example: your own values in the DynamoDB table of the HTTP cache,
 * directly with {@link ValueCache} and through Spring's {@code @Cacheable}. Runs on a DynamoDB
 * Local started in this process and prints the stored items as {@code aws dynamodb query} shows
 * them.
 */
public final class ValueCacheExample {
  /** DynamoDB Local's first calls in a fresh JVM can take seconds (the defaults are 1 s / 2 s). */
  private static final Duration LOCAL_TIMEOUT = Duration.ofSeconds(20);

  private ValueCacheExample() {}

  /** Runs the example on an in-process DynamoDB Local. */
  public static void main(String[] args) {
    runOnDynamoDbLocal(System.out);
  }

  /** Runs the example on a new in-process DynamoDB Local and prints the stored values. */
  public static ValueCacheStats runOnDynamoDbLocal(PrintStream out) {
    try (DynamoDbLocal local = DynamoDbLocal.start();
        DynamoDbBackend dynamo = DynamoDbBackend.builder()
            .tableName("http_cache")
            .region(local.region())
            .endpointOverride(local.endpoint())
            .credentialsProvider(local.credentials())
            .readTimeout(LOCAL_TIMEOUT)
            .writeTimeout(LOCAL_TIMEOUT)
            .build()) {
      ValueCacheStats stats = run(dynamo, out);
      printNamespace(local, "reports", out);
      return stats;
    }
  }

  /** Runs both halves of the example over {@code dynamo}; returns the direct cache's stats. */
  public static ValueCacheStats run(DynamoDbBackend dynamo, PrintStream out) {
    ValueCacheStats stats = direct(dynamo, out);
    int computed = withSpring(dynamo, out);
    out.printf("spring: 3 calls of report(7), %d computed%n", computed);
    return stats;
  }

  private static ValueCacheStats direct(DynamoDbBackend dynamo, PrintStream out) {
    // snippet: value-cache
    ValueCache cache = ValueCache.builder()
        .backend(dynamo)                       // any Backend; default: memory
        .namespace("reports")                  // default "cache"
        .defaultExpiration(Duration.ofMinutes(5))
        .build();

    cache.put("mykey", Map.of("foo", "bar"), Duration.ofSeconds(30));
    Optional<Map<String, String>> found = cache.get("mykey", new TypeReference<>() {});
    Report report = cache.getOrCompute("report:42", Report.class, Duration.ofMinutes(1),
        () -> Report.compute(42));             // runs once; concurrent callers wait for it
    // end snippet
    Report again = cache.getOrCompute("report:42", Report.class, Duration.ofMinutes(1),
        () -> Report.compute(42));
    out.printf("direct: mykey -> %s; report:42 -> %s (same again: %s)%n", found.map(String::valueOf).orElse("(miss)"),
        report.title(), again.equals(report));
    ValueCacheStats stats = cache.stats();
    out.printf("direct: hits %d, misses %d, writes %d, computes %d, errors %d%n", stats.hits(),
        stats.misses(), stats.writes(), stats.computes(), stats.errors());
    cache.close();
    return stats;
  }

  private static int withSpring(DynamoDbBackend dynamo, PrintStream out) {
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.registerBean(DynamoDbBackend.class, () -> dynamo);
      context.register(CachingConfig.class);
      context.refresh();
      ReportService reports = context.getBean(ReportService.class);
      for (int i = 0; i < 3; i++) {
        out.printf("spring: report(7) -> %s%n", reports.report(7).title());
      }
      return reports.computed();
    }
  }

  private static void printNamespace(DynamoDbLocal local, String namespace, PrintStream out) {
    List<Map<String, AttributeValue>> items = local.client().query(q -> q
        .tableName("http_cache")
        .keyConditionExpression("#ns = :n")
        .expressionAttributeNames(Map.of("#ns", "namespace"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(namespace)))).items();
    out.printf("%n$ aws dynamodb query --table-name http_cache --endpoint-url %s \\%n"
        + "    --key-condition-expression \"namespace = :n\" \\%n"
        + "    --expression-attribute-values '{\":n\": {\"S\": \"%s\"}}'%n", local.endpoint(),
        namespace);
    out.println(CliJson.queryOutput(items));
  }
}
