/**
 * The DynamoDB backend: {@code dev.cachedhttp.dynamodb.DynamoDbBackend} and its builder. {@code
 * dev.cachedhttp.dynamodb.internal} is not API: it is exported only to the project's command-line
 * tool and benchmarks, which read the table directly.
 */
// The qualified exports name modules built after this one; the AWS SDK jars are automatic modules.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.cachedhttp.dynamodb {
  requires transitive dev.cachedhttp;
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.cachedhttp.dynamodb;
  exports dev.cachedhttp.dynamodb.internal to
      dev.cachedhttp.cli,
      dev.cachedhttp.bench;
}
