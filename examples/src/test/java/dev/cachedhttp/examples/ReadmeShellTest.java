package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs the README's shell snippets that can run on a build machine. */
class ReadmeShellTest {
  private static final Path ROOT = Path.of("..");
  private static final String README_ENDPOINT = "http://localhost:8000";

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  /** The first sh block after {@code heading}. */
  private static String shBlockAfter(String heading) throws IOException {
    String readme = readme();
    int start = readme.indexOf(heading);
    assertThat(start).as("README heading " + heading).isNotNegative();
    Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(start)).as("sh block after " + heading).isTrue();
    return block.group(1);
  }

  private static Process shell(String script) throws IOException {
    ProcessBuilder shell = new ProcessBuilder("sh", "-c", script).directory(ROOT.toFile())
        .redirectErrorStream(true);
    shell.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    return shell.start();
  }

  @Test
  void theAwsQueryOfTheDynamoDbSectionListsTheStoredResponses() throws Exception {
    assumeThat(DemoTest.awsCliInstalled()).as("the AWS CLI (.ci/run installs it)").isTrue();
    String script = shBlockAfter("### Looking at what was cached");
    try (DynamoDbLocal local = DynamoDbLocal.start();
        LocalOrigin origin = LocalOrigin.start(Duration.ZERO)) {
      Demo.run(origin, DynamoDbBackend.builder().client(local.client()).tableName("http_cache")
              .build(),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

      Process aws = shell(script.replace(README_ENDPOINT, local.endpoint().toString()));
      String out = new String(aws.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(aws.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(aws.exitValue()).as(out).isZero();
      assertThat(out).contains("\"Count\": 3").contains("/users/2");
    }
  }

  @Test
  void theQuickStartsCommandsAreTheOnesTheDemoPrints() throws IOException {
    String keep = shBlockAfter("- `-Dexec.args=--keep`");

    assertThat(keep).contains(DemoTable.awsQuery(README_ENDPOINT))
        .contains("bin/cachedhttp ls --endpoint " + README_ENDPOINT);
  }

  @Test
  void binDynamodbLocalStartsDynamoDbLocalOnTheGivenPortAndKeepsItRunning() throws Exception {
    String command = shBlockAfter("### DynamoDB Local on your machine").lines()
        .filter(l -> l.startsWith("bin/dynamodb-local")).findFirst().orElseThrow()
        .replaceAll("\\s+#.*$", "");
    assertThat(command).isEqualTo("bin/dynamodb-local --port 8000");
    int port = freePort();

    Process server = shell("exec " + command.replace("8000", Integer.toString(port)));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine(); // ends when the banner comes or the process ends
      } while (line != null && !line.startsWith("DynamoDB Local is running on"));
      assertThat(line).as("banner").isEqualTo("DynamoDB Local is running on http://localhost:"
          + port + " (in memory: its tables go when it stops; Ctrl-C stops it).");

      try (DynamoDbClient client = DynamoDbClient.builder()
          .endpointOverride(URI.create("http://localhost:" + port))
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
              DynamoDbLocal.ACCESS_KEY_ID, DynamoDbLocal.SECRET_ACCESS_KEY)))
          .build()) {
        assertThat(client.listTables().tableNames()).isEmpty();
      }
      assertThat(server.isAlive()).isTrue();
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
