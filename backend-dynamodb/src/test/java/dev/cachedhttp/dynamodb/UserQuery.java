package dev.cachedhttp.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachedhttp.testkit.dynamodb.CliJson;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a namespace the way a person would: {@code aws dynamodb query ...} when the AWS CLI is
 * installed, otherwise the SDK's raw Query rendered in the CLI's JSON shape.
 */
enum UserQuery {
  /** The AWS CLI, run as a process with dummy credentials and no user configuration. */
  AWS_CLI {
    @Override
    String run(String table, String namespace, String projection) throws IOException {
      Path home = Files.createTempDirectory("aws-cli-home");
      List<String> command = new ArrayList<>(List.of("aws", "dynamodb", "query",
          "--endpoint-url", LocalTables.local().endpoint().toString(),
          "--table-name", table,
          "--key-condition-expression", "namespace = :n",
          "--expression-attribute-values", "{\":n\": {\"S\": \"" + namespace + "\"}}",
          "--output", "json"));
      if (projection != null) {
        command.addAll(List.of("--projection-expression", projection));
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
      Map<String, String> env = builder.environment();
      env.put("AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY_ID);
      env.put("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_ACCESS_KEY);
      env.put("AWS_DEFAULT_REGION", DynamoDbLocal.REGION);
      env.put("AWS_PAGER", "");
      env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
      env.remove("AWS_PROFILE");
      try {
        return output(builder.start());
      } finally {
        try (java.util.stream.Stream<Path> files = Files.walk(home)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    }
  },

  /** The SDK's raw Query, rendered like the CLI's output. */
  SDK {
    @Override
    String run(String table, String namespace, String projection) {
      List<Map<String, AttributeValue>> items = LocalTables.local().client().query(r -> {
        r.tableName(table)
            .keyConditionExpression("namespace = :n")
            .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(namespace)));
        if (projection != null) {
          r.projectionExpression(projection);
        }
      }).items();
      return CliJson.queryOutput(items);
    }
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Returns the raw JSON text the query prints. */
  abstract String run(String table, String namespace, String projection) throws IOException;

  /** Runs the query and parses its output. */
  JsonNode query(String table, String namespace, String projection) throws IOException {
    return JSON.readTree(run(table, namespace, projection));
  }

  /** True when an {@code aws} command runs on this machine. */
  static boolean awsCliInstalled() {
    try {
      Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String output(Process process) throws IOException {
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("aws exited with " + process.exitValue() + ": "
            + new String(stderr, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for aws", e);
    }
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
