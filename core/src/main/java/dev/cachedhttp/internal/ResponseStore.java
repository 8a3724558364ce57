package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores origin answers: a full response (buffered when it fits the body limit, streamed through
 * otherwise) or a 304 that refreshes a stored one. Every result is tagged with {@link CacheInfo}
 * and returned with the document other waiters may share. A failure to judge or write never fails
 * the call. Thread-safe.
 */
final class ResponseStore {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseStore.class);

  private final Policy policy;
  private final StoredEntries entries;
  private final ResponseMapper mapper;
  private final Keys keys;
  private final GuardedBackend storage;
  private final StatsRecorder stats;
  private final Clock clock;
  private final long maxBodyBytes;
  private final WarningLimiter tooLargeWarnings;

  /**
   * Creates the store.
   *
   * @param maxBodyBytes the largest body stored: the smaller of the setting and the backend's
   *     limit
   */
  ResponseStore(Policy policy, StoredEntries entries, ResponseMapper mapper, Keys keys,
      GuardedBackend storage, StatsRecorder stats, Clock clock, long maxBodyBytes) {
    this.policy = policy;
    this.entries = entries;
    this.mapper = mapper;
    this.keys = keys;
    this.storage = storage;
    this.stats = stats;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.tooLargeWarnings = new WarningLimiter(clock);
  }

  /** The write target of one exchange: keys, generation and configured expiration. */
  record Target(Request request, String key, String generation,
      Optional<Expiration> configured) {}

  /** Stores {@code response} when storable and returns it, with its document when stored. */
  Coalescer.Outcome store(Target target, Response response, Instant sentAt) throws IOException {
    Instant receivedAt = clock.instant();
    Instant expires;
    boolean storable;
    try {
      expires = policy.expiresAt(response.code(), response.headers(), target.configured(),
          sentAt, receivedAt);
      storable = policy.storable(target.request(), response, expires, receivedAt);
    } catch (RuntimeException bug) {
      LOG.warn("cache could not judge the response of {}; not storing it",
          target.request().url().redact(), bug);
      expires = null;
      storable = false;
    }
    Optional<ByteString> body = storable ? bufferBody(target.request(), response)
        : Optional.empty();
    if (body.isEmpty()) {
      stats.writeSkipped();
      return new Coalescer.Outcome(tag(response, target, receivedAt, null, false), null);
    }
    Response buffered = withBody(response, body.get());
    if (!accepted(target.request(), withBody(response, body.get()))) {
      stats.writeSkipped();
      return new Coalescer.Outcome(tag(buffered, target, receivedAt, null, false), null);
    }
    CachedResponse document = document(target, response, body.get(), sentAt, receivedAt,
        expires);
    boolean stored = document != null && write(target, response, document);
    return new Coalescer.Outcome(tag(buffered, target, receivedAt, expires, stored), document);
  }

  private static Response withBody(Response response, ByteString body) {
    return response.newBuilder()
        .body(ResponseBody.create(body, response.body().contentType()))
        .build();
  }

  /** Asks the user's filter, which gets a copy of the response whose body it may read. */
  private boolean accepted(Request request, Response copy) {
    try {
      return policy.settings().filter().test(copy);
    } catch (RuntimeException failure) {
      LOG.warn("the cache filter failed on {}; not storing the response",
          request.url().redact(), failure);
      return false;
    }
  }

  /** Refreshes {@code found} with a 304 (RFC 9111 section 4.3.4) and serves the stored body. */
  Coalescer.Outcome refresh(Target target, StoredEntries.Found found, Response notModified,
      Instant sentAt) {
    Instant receivedAt = clock.instant();
    notModified.close();
    Freshened freshened = freshen(target, found, notModified, sentAt, receivedAt);
    Instant expires = freshened.response().expires().orElse(null);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.REVALIDATED, found.primaryKey(),
        receivedAt, expires, expires != null && !receivedAt.isBefore(expires),
        freshened.stored());
    return new Coalescer.Outcome(mapper.toResponse(freshened.response(), target.request(), info,
        receivedAt), freshened.response());
  }

  /**
   * Updates the stored GET response of the same request with the headers of a 200 answer to a
   * HEAD (RFC 9111 section 4.3.5), when the two describe the same representation: equal {@code
   * ETag}s, or neither has one and their {@code Last-Modified} agree. Failures are logged.
   */
  void freshenFromHead(Target head, Response response, Instant sentAt) {
    try {
      Request get = head.request().newBuilder().get().build();
      Optional<String> key = keys.of(get);
      if (key.isEmpty()) {
        return;
      }
      StoredEntries.Found found = entries.find(key.get(), get);
      if (found.present() && sameRepresentation(found.response(), response)) {
        freshen(new Target(get, key.get(), found.generation(), head.configured()), found,
            response, sentAt, clock.instant());
      }
    } catch (RuntimeException bug) {
      LOG.warn("cache could not update the stored GET of {} from a HEAD",
          head.request().url().redact(), bug);
    }
  }

  private static boolean sameRepresentation(CachedResponse stored, Response head) {
    String etag = head.header("ETag");
    if (etag != null || stored.headers().get("ETag") != null) {
      return java.util.Objects.equals(etag, stored.headers().get("ETag"));
    }
    return java.util.Objects.equals(head.header("Last-Modified"),
        stored.headers().get("Last-Modified"));
  }

  /** A stored response updated with newer headers, and whether writing it succeeded. */
  private record Freshened(CachedResponse response, boolean stored) {}

  /** Merges {@code update}'s headers into {@code found} (RFC 9111 section 3.2) and stores it. */
  private Freshened freshen(Target target, StoredEntries.Found found, Response update,
      Instant sentAt, Instant receivedAt) {
    CachedResponse merged = mapper.refreshed(found.response(), update, sentAt, receivedAt, null);
    Instant expires = policy.expiresAt(merged.status(), merged.headers(), target.configured(),
        sentAt, receivedAt);
    CachedResponse refreshed = merged.toBuilder().expires(expires).build();
    Instant storageExpiry = policy.storageExpiry(expires, refreshed.headers(),
        refreshed.hasValidator());
    boolean stored = entries.put(found.primaryKey(), found.generation(), refreshed,
        target.request(), storageExpiry);
    return new Freshened(refreshed, stored);
  }

  private Response tag(Response response, Target target, Instant receivedAt, Instant expires,
      boolean stored) {
    boolean expired = expires != null && !receivedAt.isBefore(expires);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.NETWORK, target.key(), receivedAt,
        expires, expired, stored);
    return mapper.tag(response, info);
  }

  /**
   * Reads the whole body when it fits the limit. A larger body is left unread in the response's
   * source (only a peek of limit + 1 bytes is buffered) so it streams to the caller.
   */
  private Optional<ByteString> bufferBody(Request request, Response response)
      throws IOException {
    if ("HEAD".equalsIgnoreCase(request.method())) {
      response.body().close();
      return Optional.of(ByteString.EMPTY);
    }
    long limit = maxBodyBytes;
    ResponseBody body = response.body();
    if (body.contentLength() > limit) {
      tooLarge(request);
      return Optional.empty();
    }
    BufferedSource source = body.source();
    if (source.request(limit + 1)) {
      tooLarge(request);
      return Optional.empty();
    }
    ByteString bytes = source.readByteString();
    body.close();
    return Optional.of(bytes);
  }

  private void tooLarge(Request request) {
    if (tooLargeWarnings.due("too large")) {
      LOG.warn("cache does not store the response of {} {}: its body is larger than {} bytes "
              + "(the smaller of maxBodyBytes and the backend's limit); it streams through "
              + "uncached. Counted as a skipped write, logged at most once a minute.",
          request.method(), request.url().redact(), maxBodyBytes);
    }
  }

  private CachedResponse document(Target target, Response response, ByteString body,
      Instant sentAt, Instant receivedAt, Instant expires) {
    try {
      return mapper.toDocument(target.request(), response, body, sentAt, receivedAt,
          expires);
    } catch (RuntimeException bug) {
      LOG.warn("cache could not build a document for {}; not storing it",
          target.request().url().redact(), bug);
      stats.writeSkipped();
      return null;
    }
  }

  private boolean write(Target target, Response response, CachedResponse document) {
    Instant storageExpiry = policy.storageExpiry(document.expires().orElse(null),
        document.headers(), document.hasValidator());
    boolean stored = entries.put(target.key(), target.generation(), document,
        target.request(), storageExpiry);
    if (stored && response.priorResponse() != null) {
      writeAliases(target.key(), response, storageExpiry);
    }
    return stored;
  }

  private void writeAliases(String key, Response response, Instant storageExpiry) {
    for (Request hop : ResponseMapper.hopRequests(response)) {
      Optional<String> alias;
      try {
        alias = keys.of(hop);
      } catch (RuntimeException bug) {
        alias = Optional.empty();
      }
      if (alias.isPresent() && !alias.get().equals(key)) {
        storage.putAlias(alias.get(), key, storageExpiry);
      }
    }
  }
}
