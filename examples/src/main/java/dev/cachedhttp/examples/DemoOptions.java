package dev.cachedhttp.examples;

import dev.cachedhttp.testkit.dynamodb.DynamoDbLocal;

/**
 * The demo's arguments: {@code [dynamodb|memory] [--keep] [--port N]}.
 *
 * @param memory use the memory backend instead of DynamoDB Local
 * @param keep leave DynamoDB Local running after the demo
 * @param port DynamoDB Local's port with {@code keep}
 */
record DemoOptions(boolean memory, boolean keep, int port) {
  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming an argument that is not understood
   */
  static DemoOptions parse(String[] args) {
    boolean memory = false;
    boolean keep = false;
    int port = DynamoDbLocal.DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "memory" -> memory = true;
        case "dynamodb" -> memory = false;
        case "--keep" -> keep = true;
        case "--port" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--port needs a number");
          }
          port = Integer.parseInt(args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "': use [dynamodb|memory] [--keep] [--port N], or sqlite [FILE]");
      }
    }
    if (memory && keep) {
      throw new IllegalArgumentException("--keep keeps DynamoDB Local running: it does not go"
          + " with memory");
    }
    return new DemoOptions(memory, keep, port);
  }
}
