package dev.cachedhttp.cli;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command shares: which table, where, and how URLs become keys. */
final class TableOptions {
  @Option(names = "--sqlite", paramLabel = "FILE",
      description = "A SQLite cache file (SqliteBackend) instead of a DynamoDB table; the "
          + "table, region, endpoint, profile, cache-name and shards options do not apply.")
  Path sqlite;

  @Option(names = "--table", paramLabel = "NAME",
      description = "The cache table (default: ${DEFAULT-VALUE}).")
  String table = DynamoDbBackend.DEFAULT_TABLE_NAME;

  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region, e.g. us-east-1 (default: AWS_REGION, then the profile's).")
  String region;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Endpoint to call instead of the region's, e.g. http://localhost:8000 "
          + "for DynamoDB Local.")
  URI endpoint;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Credentials (and region) from this profile of the AWS config files.")
  String profile;

  @Option(names = "--cache-name", paramLabel = "NAME",
      description = "The application's cacheName: its namespaces are NAME:responses, ...")
  String cacheName;

  @Option(names = "--shards", paramLabel = "N",
      description = "The application's partitionShards (default: ${DEFAULT-VALUE}).")
  int shards = DynamoDbBackend.DEFAULT_PARTITION_SHARDS;

  @Option(names = "--ignored-parameter", paramLabel = "NAME",
      description = "An ignoredParameters name of the application (repeatable); must match it "
          + "for URL arguments to find their entries.")
  List<String> ignoredParameters = new ArrayList<>();

  @Option(names = "--match-header", paramLabel = "NAME",
      description = "A matchHeaders name of the application (repeatable); must match it for "
          + "URL arguments to find their entries.")
  List<String> matchHeaders = new ArrayList<>();

  @Option(names = "--header", paramLabel = "'NAME: VALUE'",
      description = "A request header of the request a URL argument stands for (repeatable), "
          + "e.g. the value of a matched header.")
  List<String> headers = new ArrayList<>();
}
