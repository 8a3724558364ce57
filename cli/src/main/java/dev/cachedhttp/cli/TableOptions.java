package dev.cachedhttp.cli;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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

  @Option(names = "--endpoint", paramLabel = "URL", converter = EndpointConverter.class,
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

  @Option(names = "--header-env", paramLabel = "NAME=VARIABLE",
      description = "A request header whose value is read from an environment variable "
          + "(repeatable), e.g. --header-env Authorization=API_TOKEN: keeps credentials out of "
          + "the process list.")
  Map<String, String> headerVariables = new LinkedHashMap<>();

  @Option(names = "--header-file", paramLabel = "NAME=FILE",
      description = "A request header whose value is the content of a file, trailing line "
          + "break removed (repeatable), e.g. --header-file Authorization=token.txt.")
  Map<String, Path> headerFiles = new LinkedHashMap<>();

  /**
   * The request headers a URL argument stands for, as name and value: {@code --header}, then
   * {@code --header-env}, then {@code --header-file}.
   *
   * @throws CliException when a header is malformed, a variable is unset or a file unreadable
   */
  List<Map.Entry<String, String>> requestHeaders() {
    List<Map.Entry<String, String>> result = new ArrayList<>();
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon < 1) {
        throw new CliException("--header must be 'Name: value' but was '" + header + "'");
      }
      result.add(Map.entry(header.substring(0, colon).trim(),
          header.substring(colon + 1).trim()));
    }
    headerVariables.forEach((name, variable) -> {
      String value = System.getenv(variable);
      if (value == null) {
        throw new CliException("--header-env " + name + "=" + variable
            + ": the environment variable " + variable + " is not set");
      }
      result.add(Map.entry(name, value.strip()));
    });
    headerFiles.forEach((name, file) -> {
      try {
        result.add(Map.entry(name, Files.readString(file, StandardCharsets.UTF_8).strip()));
      } catch (IOException | UncheckedIOException e) {
        throw new CliException("--header-file " + name + "=" + file + ": cannot read it ("
            + e.getClass().getSimpleName() + ")", e);
      }
    });
    return result;
  }

  /** Accepts only absolute http(s) URLs with a host, with a hint for {@code host:port}. */
  static final class EndpointConverter implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new TypeConversionException("'" + value + "' is not an http:// or https:// URL;"
            + " for DynamoDB Local on port 8000 write --endpoint http://localhost:8000");
      }
      return uri;
    }
  }
}
