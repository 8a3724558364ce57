package dev.cachedhttp.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code cachedhttp.*} properties the starter builds its {@code CachedClient}, backend and
 * cache manager from. An unset property keeps the library's default. Immutable.
 *
 * @param enabled Whether the starter configures anything at all.
 * @param backend Where responses and cached values are stored: memory, dynamodb or sqlite.
 * @param expireAfter How long responses stay fresh after they are stored; unset: never expire.
 * @param urlsExpireAfter Per-URL expirations, first match wins: glob patterns over the URL
 *     without its scheme, e.g. {@code cachedhttp.urls-expire-after[api.example.com/users/**]=5m}.
 * @param cacheControl Whether Cache-Control, Expires and the other HTTP caching headers are
 *     honoured.
 * @param keySecret The secret credentialed cache keys are HMACs under; set one shared secret for
 *     a fleet on one table (unset: a random secret per process).
 * @param ignoredParameters Query, form and JSON fields and headers left out of keys and redacted
 *     from storage.
 * @param matchHeaders Request headers whose values are part of the cache key.
 * @param staleIfError How long after expiry a stored response may be served when the origin fails.
 * @param staleWhileRevalidate How long after expiry a stored response is served while it is
 *     refreshed in the background.
 * @param cacheStatusHeader Whether responses get a Cache-Status header saying what the cache did.
 * @param maxBodySize The largest response body stored; larger ones stream through uncached.
 * @param name The "cache" tag of the Micrometer meters.
 * @param restClients Whether the auto-configured RestClient.Builder and RestTemplateBuilder send
 *     their calls through the cache.
 * @param memory The memory backend's bounds.
 * @param dynamodb The DynamoDB table.
 * @param sqlite The SQLite file.
 * @param cache Spring's cache abstraction (@Cacheable) over the same backend.
 * @param fleet Settings for a fleet of instances sharing one backend (a DynamoDB table).
 */
@ConfigurationProperties(prefix = "cachedhttp")
public record CachedhttpProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("memory") BackendType backend,
    Duration expireAfter,
    Map<String, Duration> urlsExpireAfter,
    boolean cacheControl,
    String keySecret,
    List<String> ignoredParameters,
    List<String> matchHeaders,
    Duration staleIfError,
    Duration staleWhileRevalidate,
    boolean cacheStatusHeader,
    DataSize maxBodySize,
    @DefaultValue("cachedhttp") String name,
    @DefaultValue("true") boolean restClients,
    @DefaultValue Memory memory,
    @DefaultValue DynamoDb dynamodb,
    @DefaultValue Sqlite sqlite,
    @DefaultValue Cache cache,
    @DefaultValue Fleet fleet) {

  /** Copies the collections, keeping the order of {@code urlsExpireAfter}. */
  public CachedhttpProperties {
    urlsExpireAfter = urlsExpireAfter == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(urlsExpireAfter));
    ignoredParameters = ignoredParameters == null ? List.of() : List.copyOf(ignoredParameters);
    matchHeaders = matchHeaders == null ? List.of() : List.copyOf(matchHeaders);
  }

  /** The backends the starter can build. */
  public enum BackendType {
    /** An in-process memory store (cachedhttp-backend-memory, included). */
    MEMORY,
    /** A DynamoDB table (needs cachedhttp-backend-dynamodb on the class path). */
    DYNAMODB,
    /** A SQLite file (needs cachedhttp-backend-sqlite on the class path). */
    SQLITE
  }

  /**
   * {@code cachedhttp.memory.*}: the bounds of the memory backend.
   *
   * @param maxEntries The most entries kept; unset: the backend's default (10,000).
   * @param maxSize The most bytes kept; unset: the backend's default (64 MB).
   */
  public record Memory(Long maxEntries, DataSize maxSize) {}

  /**
   * {@code cachedhttp.dynamodb.*}: the DynamoDB table. Credentials: an {@code
   * AwsCredentialsProvider} bean if there is one, else the AWS SDK's default chain.
   *
   * @param tableName The table; unset: http_cache.
   * @param region The AWS region; unset: the AWS SDK's default region chain.
   * @param endpoint An endpoint instead of the region's, e.g. DynamoDB Local's
   *     http://localhost:8000.
   * @param createTable Whether a missing table is created at start-up.
   * @param cacheName A name prefixing this cache's namespaces, so several caches share a table.
   */
  public record DynamoDb(String tableName, String region, URI endpoint,
      boolean createTable, String cacheName) {}

  /**
   * {@code cachedhttp.sqlite.*}: the SQLite file.
   *
   * @param path The database file, created if missing.
   * @param maxSize The most bytes kept; unset: the backend's default.
   */
  public record Sqlite(@DefaultValue("http_cache.db") Path path, DataSize maxSize) {}

  /**
   * {@code cachedhttp.cache.*}: Spring's cache abstraction over the same backend.
   *
   * @param defaultExpiration How long values of caches without their own expiration live; unset:
   *     never expire.
   * @param expirations Per-cache expirations, by cache name.
   * @param allowedPackages Packages whose classes cached values may be read back as, besides the
   *     application's own (those of {@code @SpringBootApplication}).
   * @param allowNullValues Whether methods' null results are cached.
   */
  public record Cache(Duration defaultExpiration, Map<String, Duration> expirations,
      List<String> allowedPackages, @DefaultValue("true") boolean allowNullValues) {

    /** Copies the collections. */
    public Cache {
      expirations = expirations == null ? Map.of() : Map.copyOf(expirations);
      allowedPackages = allowedPackages == null ? List.of() : List.copyOf(allowedPackages);
    }
  }

  /**
   * {@code cachedhttp.fleet.*}: instances sharing one backend (a DynamoDB table).
   *
   * @param coalesce Whether one origin request per cold key serves every instance (a lease in
   *     the backend); off by default.
   * @param lease How long a fleet lease holds at most; unset: 10 seconds. Setting it turns
   *     coalescing across instances on.
   * @param nearCacheMaxAge How long an entry read from the shared backend may be used from a
   *     local memory near cache; setting it (or the near cache's size) puts one in front.
   * @param nearCacheMaxSize The most bytes the near cache keeps; unset: the memory backend's
   *     default (64 MB).
   */
  public record Fleet(boolean coalesce, Duration lease, Duration nearCacheMaxAge,
      DataSize nearCacheMaxSize) {}
}
