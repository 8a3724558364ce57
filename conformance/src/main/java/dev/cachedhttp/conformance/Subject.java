package dev.cachedhttp.conformance;

import dev.cachedhttp.CachedClient;
import dev.cachedhttp.memory.MemoryBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Cache;
import okhttp3.OkHttpClient;

/** The caches the suite can be run against; each puts its cache on the proxy's base client. */
enum Subject {
  /** cachedhttp as a new user builds it: a memory backend and {@code cacheControl(true)}. */
  CACHEDHTTP {
    @Override
    Opened open(OkHttpClient base) {
      CachedClient cached = CachedClient.builder()
          .backend(MemoryBackend.builder().build())
          .cacheControl(true)
          .build();
      return new Opened(cached.client(base), cached::close);
    }
  },
  /** OkHttp's own {@link Cache} in a temporary folder. */
  OKHTTP {
    @Override
    Opened open(OkHttpClient base) throws IOException {
      Path folder = Files.createTempDirectory("okhttp-cache");
      Cache cache = new Cache(folder.toFile(), OKHTTP_CACHE_BYTES);
      return new Opened(base.newBuilder().cache(cache).build(), () -> {
        cache.close();
        deleteTree(folder);
      });
    }
  },
  /** No cache at all: what the suite sees from the origin through the proxy alone. */
  NONE {
    @Override
    Opened open(OkHttpClient base) {
      return new Opened(base, () -> { });
    }
  };

  /** Size limit of OkHttp's cache folder. */
  static final long OKHTTP_CACHE_BYTES = 64L << 20;

  /** A subject's client and what to release when the run ends. */
  record Opened(OkHttpClient client, AutoCloseable resources) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      resources.close();
    }
  }

  /** Puts this subject's cache on {@code base}; the returned client is used for the whole run. */
  abstract Opened open(OkHttpClient base) throws IOException;

  /** The name used on the command line and in result files. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The subject with this command-line name. */
  static Subject named(String name) {
    for (Subject subject : values()) {
      if (subject.id().equals(name)) {
        return subject;
      }
    }
    throw new IllegalArgumentException("unknown subject '" + name + "', expected one of "
        + Arrays.stream(values()).map(Subject::id).collect(Collectors.joining(", ")));
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
