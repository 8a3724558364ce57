package dev.cachedhttp.bench;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.sqlite.SqliteBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import okhttp3.Cache;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ByteString;

/**
 * One of the clients compared, in front of the same {@link Origin}: {@value #CACHEDHTTP} (this
 * project with its memory backend), {@value #CACHEDHTTP_SQLITE} (this project on a SQLite file
 * in a temporary folder), {@value #CACHEDHTTP_SQLITE_NEAR} (the same with a near cache in
 * memory in front), {@value #OKHTTP_CACHE} ({@code okhttp3.Cache} on a temporary
 * folder), {@value #FLOOR} (an application interceptor answering with a prebuilt in-memory
 * response, the fastest anything can answer through OkHttp's call machinery) and {@value
 * #NO_CACHE} (a loopback round trip to the origin).
 */
public final class Subject implements AutoCloseable {
  public static final String CACHEDHTTP = "cachedhttp";
  public static final String CACHEDHTTP_SQLITE = "cachedhttp-sqlite";
  public static final String CACHEDHTTP_SQLITE_NEAR = "cachedhttp-sqlite-near";
  public static final String OKHTTP_CACHE = "okhttp-cache";
  public static final String FLOOR = "floor";
  public static final String NO_CACHE = "no-cache";

  private static final long CACHE_BYTES = 256L << 20;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String name;
  private final Origin origin;
  private final OkHttpClient client;
  private final CachedClient cached;
  private final Path cacheDir;

  private Subject(String name, Origin origin, OkHttpClient client, CachedClient cached,
      Path cacheDir) {
    this.name = name;
    this.origin = origin;
    this.client = client;
    this.cached = cached;
    this.cacheDir = cacheDir;
  }

  /** Starts an origin serving {@code body} and the client named {@code name} in front of it. */
  public static Subject start(String name, ByteString body) {
    Origin origin = Origin.start(body);
    switch (name) {
      case CACHEDHTTP: {
        CachedClient cached = CachedClient.builder()
            .backend(MemoryBackend.builder().maxBytes(CACHE_BYTES).build())
            .cacheControl(true)
            .build();
        return new Subject(name, origin, cached.client(), cached, null);
      }
      case CACHEDHTTP_SQLITE:
      case CACHEDHTTP_SQLITE_NEAR: {
        Path dir = tempDir();
        CachedClient.Builder builder = CachedClient.builder()
            .backend(SqliteBackend.builder().path(dir.resolve("http_cache.db"))
                .maxBytes(CACHE_BYTES).build())
            .cacheControl(true);
        if (name.equals(CACHEDHTTP_SQLITE_NEAR)) {
          builder.nearCache(MemoryBackend.builder().maxBytes(CACHE_BYTES).build());
        }
        CachedClient cached = builder.build();
        return new Subject(name, origin, cached.client(), cached, dir);
      }
      case OKHTTP_CACHE: {
        Path dir = tempDir();
        OkHttpClient client = new OkHttpClient.Builder()
            .cache(new Cache(dir.toFile(), CACHE_BYTES))
            .build();
        return new Subject(name, origin, client, null, dir);
      }
      case FLOOR:
        return new Subject(name, origin, floorClient(body), null, null);
      case NO_CACHE:
        return new Subject(name, origin, new OkHttpClient(), null, null);
      default:
        origin.close();
        throw new IllegalArgumentException("unknown subject '" + name + "'");
    }
  }

  /** A client whose only interceptor answers every call with {@code body}, never the network. */
  public static OkHttpClient floorClient(ByteString bytes) {
    // A segmented snapshot, as a body read from the network is: served without copying.
    ByteString body = new Buffer().write(bytes).snapshot();
    Headers headers = Headers.of("Content-Type", JSON.toString(), "Cache-Control", "max-age=3600",
        "Content-Length", Integer.toString(body.size()));
    return new OkHttpClient.Builder()
        .addInterceptor(chain -> new Response.Builder()
            .request(chain.request())
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .headers(headers)
            .body(ResponseBody.create(body, JSON))
            .build())
        .build();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("okhttp-cache-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client to call. */
  public OkHttpClient client() {
    return client;
  }

  /** The origin behind the client. */
  public Origin origin() {
    return origin;
  }

  /** A GET of {@code path} on the origin. */
  public Request get(String path) {
    return new Request.Builder().url(origin.url(path)).build();
  }

  /**
   * Calls {@code request} once to store it, then checks that a second call is answered without
   * the origin (for the caching subjects).
   *
   * @throws IllegalStateException when the second call was not a hit
   */
  public void prime(Request request) {
    byte[] buffer = new byte[Calls.READ_BUFFER_BYTES];
    Calls.execute(client, request, buffer);
    if (!isCaching()) {
      return;
    }
    int before = origin.requestCount();
    try (Response response = client.newCall(request).execute()) {
      response.body().bytes();
      boolean hit = cached != null ? CacheInfo.of(response).fromCache()
          : response.networkResponse() == null && response.cacheResponse() != null;
      if (!hit || origin.requestCount() != before) {
        throw new IllegalStateException(name + " did not serve " + request.url() + " from cache");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True for the subjects that store responses. */
  public boolean isCaching() {
    return CACHEDHTTP.equals(name) || CACHEDHTTP_SQLITE.equals(name)
        || CACHEDHTTP_SQLITE_NEAR.equals(name) || OKHTTP_CACHE.equals(name);
  }

  /** This project's cache, or null for the other subjects. */
  public CachedClient cached() {
    return cached;
  }

  @Override
  public void close() {
    origin.close();
    if (cached != null) {
      cached.close();
    }
    if (client.cache() != null) {
      try {
        client.cache().close();
      } catch (IOException ignored) {
        // the folder is deleted next anyway
      }
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    if (cacheDir != null) {
      deleteTree(cacheDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
