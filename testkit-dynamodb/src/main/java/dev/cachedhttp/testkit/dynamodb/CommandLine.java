package dev.cachedhttp.testkit.dynamodb;

/** The arguments and the start-up message of {@link DynamoDbLocal#main(String[])}. */
final class CommandLine {
  private CommandLine() {}

  /**
   * The port {@code args} ask for ({@code --port N} or {@code --port=N}), else {@code fallback}.
   *
   * @throws IllegalArgumentException naming the argument that is not understood
   */
  static int port(String[] args, int fallback) {
    int port = fallback;
    for (int i = 0; i < args.length; i++) {
      String value;
      if (args[i].equals("--port") && i + 1 < args.length) {
        value = args[++i];
      } else if (args[i].startsWith("--port=")) {
        value = args[i].substring("--port=".length());
      } else {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
      try {
        port = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port must be a number but was '" + value + "'");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("--port must be between 1 and 65535 but was " + port);
      }
    }
    return port;
  }

  /** What the command prints once the server accepts requests on {@code port}. */
  static String banner(int port) {
    String endpoint = "http://localhost:" + port;
    return String.join(System.lineSeparator(),
        "DynamoDB Local is running on " + endpoint + " (in memory: its tables go when it stops;"
            + " Ctrl-C stops it).",
        "  Java:   DynamoDbBackend.builder().endpointOverride(URI.create(\"" + endpoint
            + "\")).region(\"" + DynamoDbLocal.REGION + "\")",
        "            .credentialsProvider(StaticCredentialsProvider.create("
            + "AwsBasicCredentials.create(\"local\", \"local\")))",
        "  shell:  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local "
            + "AWS_REGION=" + DynamoDbLocal.REGION + " AWS_DEFAULT_REGION=" + DynamoDbLocal.REGION,
        "          aws dynamodb list-tables --endpoint-url " + endpoint,
        "          bin/cachedhttp ls --endpoint " + endpoint);
  }
}
