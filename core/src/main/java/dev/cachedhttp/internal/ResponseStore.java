package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.CacheListener.NotStoredReason;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storing half of a call, after the origin answered: judges whether the answer may be stored,
 * hands the body to the caller through a {@link TeeBody} that keeps a copy (a body declared
 * larger than the limit streams through uncopied) and, once the body is complete, builds the
 * document and writes it with its redirect aliases; or merges a 304 into the stored response. Every result is
 * tagged with {@link CacheInfo}. Runtime failures are left to the caller's boundary, which serves
 * {@link Attempt#response()} unstored. Thread-safe.
 */
final class ResponseStore {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseStore.class);

  private final Policy policy;
  private final StoredEntries entries;
  private final ResponseMapper mapper;
  private final Keys keys;
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
      Clock clock, long maxBodyBytes) {
    this.policy = policy;
    this.entries = entries;
    this.mapper = mapper;
    this.keys = keys;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.tooLargeWarnings = new WarningLimiter(clock);
  }

  /**
   * Where an answer is stored.
   *
   * @param request the caller's request (the keyed one)
   * @param key its key
   * @param group its URL group
   * @param ticket its invalidation ticket, taken before its lookup
   * @param generation the variant generation to continue, or null to start one
   * @param configured the configured expiration
   */
  record Target(Request request, String key, String group, long ticket, String generation,
      Optional<Expiration> configured) {}

  /**
   * The response of a call being stored: the origin's, then the same with its body buffered. A
   * failure while storing leaves here the response to serve unstored.
   */
  static final class Attempt {
    private Response response;

    Attempt(Response response) {
      this.response = response;
    }

    Response response() {
      return response;
    }
  }

  /** Stores the origin's answer in {@code attempt} when it may be stored. */
  Outcome store(Target target, Attempt attempt, Instant sentAt) throws IOException {
    Response response = attempt.response;
    Instant receivedAt = clock.instant();
    Instant expires = policy.expiresAt(response.code(), response.headers(), target.configured(),
        sentAt, receivedAt);
    NotStoredReason refused = policy.whyNotStorable(target.request(), response, expires,
        receivedAt);
    if (refused == null && !sentAsKeyed(target.request(), response)) {
      refused = NotStoredReason.CREDENTIALS_ADDED_BELOW;
    }
    if (refused != null) {
      return network(response, target, receivedAt, null, null, refused);
    }
    ResponseBody body = response.body();
    long declared = "HEAD".equals(target.request().method()) ? 0 : body.contentLength();
    if (declared > maxBodyBytes) {
      return tooLarge(target, response, receivedAt);
    }
    if (declared == 0) {
      body.close();
      Response empty = withBody(response, ByteString.EMPTY);
      attempt.response = empty;
      TeeBody.Stored stored = complete(target, empty, ByteString.EMPTY, sentAt, receivedAt,
          expires);
      return network(empty, target, receivedAt, expires, stored.document(), stored.notStored());
    }
    Response original = response;
    TeeBody tee = new TeeBody(body, declared, maxBodyBytes,
        bytes -> complete(target, original, bytes, sentAt, receivedAt, expires));
    tee.done().thenAccept(stored -> {
      if (stored.notStored() == NotStoredReason.TOO_LARGE) {
        warnTooLarge(target.request());
      }
    });
    boolean expired = Storage.isExpired(expires, receivedAt);
    CacheInfo info = CacheInfo.streaming(target.key(), receivedAt, expires, expired, tee::stored);
    Response streaming = mapper.tag(response.newBuilder().body(tee).build(), info);
    attempt.response = streaming; // from here on, the caller's reads store the body
    return new Outcome(streaming, info, null, null, tee.done());
  }

  /**
   * Stores the complete {@code body} of {@code response} unless the user's filter refuses it;
   * says what was stored, or why nothing was.
   */
  private TeeBody.Stored complete(Target target, Response response, ByteString body,
      Instant sentAt, Instant receivedAt, Instant expires) {
    if (!accepted(withBody(response, body))) {
      return new TeeBody.Stored(null, NotStoredReason.FILTER_REFUSED);
    }
    CachedResponse document = mapper.toDocument(target.request(), response, body, sentAt,
        receivedAt, expires);
    NotStoredReason notStored = write(target, response, document);
    return new TeeBody.Stored(notStored == null ? document : null, notStored);
  }

  /**
   * True when every request of the chain that reached the network carried only the credentials
   * of the keyed request, and no hop was an authentication challenge (401 or 407). Credentials
   * added below the cache (an {@code Authenticator}, a {@code CookieJar}, a network interceptor)
   * are not in the key, so such an answer is not stored: stored under the key of the request
   * without them, it would be served to callers who do not hold them.
   */
  static boolean sentAsKeyed(Request keyed, Response response) {
    for (Response hop = response; hop != null; hop = hop.priorResponse()) {
      if (hop.code() == 401 || hop.code() == 407) {
        return false;
      }
      Response network = hop.networkResponse();
      if (addsCredentials(keyed, hop.request())
          || network != null && addsCredentials(keyed, network.request())) {
        return false;
      }
    }
    return true;
  }

  private static boolean addsCredentials(Request keyed, Request sent) {
    for (String name : Keys.CREDENTIAL_HEADERS) {
      List<String> values = sent.headers(name);
      if (!values.isEmpty() && !values.equals(keyed.headers(name))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameCredentials(Request a, Request b) {
    for (String name : Keys.CREDENTIAL_HEADERS) {
      if (!a.headers(name).equals(b.headers(name))) {
        return false;
      }
    }
    return true;
  }

  private static Response withBody(Response response, ByteString body) {
    return response.newBuilder()
        .body(ResponseBody.create(body, response.body().contentType()))
        .build();
  }

  /**
   * Asks the user's filter, which gets a copy of the response whose body it may read. A filter
   * that throws refuses.
   */
  private boolean accepted(Response copy) {
    try {
      return policy.settings().filter().test(copy);
    } catch (RuntimeException failure) {
      LOG.warn("the cache filter failed on {}; not storing the response",
          copy.request().url().redact(), failure);
      return false;
    }
  }

  /** Freshens {@code found} with a 304 (RFC 9111 section 4.3.4) and serves the stored body. */
  Outcome freshen(Target target, StoredEntries.Found found, Response notModified,
      Instant sentAt) {
    Instant receivedAt = clock.instant();
    notModified.close();
    CachedResponse updated = freshened(target, found, notModified, sentAt, receivedAt);
    NotStoredReason notStored = put(target, found, updated);
    Instant expires = updated.expires().orElse(null);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.REVALIDATED, found.primaryKey(),
        receivedAt, expires, Storage.isExpired(expires, receivedAt), notStored == null);
    return new Outcome(mapper.toResponse(updated, target.request(), info, receivedAt), info,
        notStored == null ? updated : null, notStored);
  }

  /**
   * Updates the stored GET response of the same request with the headers of a 200 answer to a
   * HEAD (RFC 9111 section 4.3.5), when the two describe the same representation: equal {@code
   * ETag}s, or neither has one and their {@code Last-Modified} agree.
   */
  void freshenFromHead(Target head, Response response, Instant sentAt) {
    Request get = head.request().newBuilder().get().build();
    Optional<String> key = keys.of(get);
    if (key.isEmpty()) {
      return;
    }
    StoredEntries.Found found = entries.find(key.get(), get);
    if (found.present() && sameRepresentation(found.response(), response)) {
      Target target = new Target(get, key.get(), head.group(), head.ticket(),
          found.generation(), head.configured());
      put(target, found, freshened(target, found, response, sentAt, clock.instant()));
    }
  }

  private static boolean sameRepresentation(CachedResponse stored, Response head) {
    String etag = head.header("ETag");
    if (etag != null || stored.headers().get("ETag") != null) {
      return Objects.equals(etag, stored.headers().get("ETag"));
    }
    return Objects.equals(head.header("Last-Modified"), stored.headers().get("Last-Modified"));
  }

  /** {@code found} with {@code update}'s headers merged in (RFC 9111 section 3.2). */
  private CachedResponse freshened(Target target, StoredEntries.Found found, Response update,
      Instant sentAt, Instant receivedAt) {
    CachedResponse merged = mapper.freshened(found.response(), update, sentAt, receivedAt, null);
    Instant expires = policy.expiresAt(merged.status(), merged.headers(), target.configured(),
        sentAt, receivedAt);
    return merged.toBuilder().expires(expires).build();
  }

  private NotStoredReason put(Target target, StoredEntries.Found found,
      CachedResponse updated) {
    return entries.put(found.primaryKey(), found.generation(), updated, target.request(),
        storageExpiry(updated), target.group(), target.ticket());
  }

  private Instant storageExpiry(CachedResponse document) {
    return policy.storageExpiry(document.expires().orElse(null), document.headers(),
        document.hasValidator());
  }

  /**
   * The origin's {@code response}, tagged; {@code stored} is the document written, or null and
   * {@code notStored} says why.
   */
  private Outcome network(Response response, Target target, Instant receivedAt, Instant expires,
      CachedResponse stored, NotStoredReason notStored) {
    boolean expired = Storage.isExpired(expires, receivedAt);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.NETWORK, target.key(), receivedAt,
        expires, expired, stored != null);
    return new Outcome(mapper.tag(response, info), info, stored, notStored);
  }

  private Outcome tooLarge(Target target, Response response, Instant receivedAt) {
    warnTooLarge(target.request());
    return network(response, target, receivedAt, null, null, NotStoredReason.TOO_LARGE);
  }

  private void warnTooLarge(Request request) {
    if (tooLargeWarnings.due("too large")) {
      LOG.warn("cache does not store the response of {} {}: its body is larger than {} bytes "
              + "(the smaller of maxBodyBytes and the backend's limit); it streams through "
              + "uncached. Counted as a skipped write, logged at most once a minute.",
          request.method(), request.url().redact(), maxBodyBytes);
    }
  }

  private NotStoredReason write(Target target, Response response, CachedResponse document) {
    Instant storageExpiry = storageExpiry(document);
    NotStoredReason notStored = entries.put(target.key(), target.generation(), document,
        target.request(), storageExpiry, target.group(), target.ticket());
    if (notStored == null && response.priorResponse() != null) {
      writeAliases(target, response, storageExpiry);
    }
    return notStored;
  }

  /**
   * Writes an alias to the stored response from the key of every hop of its redirect chain that
   * carried exactly the credentials of the keyed request: a hop without them (OkHttp drops
   * {@code Authorization} on a redirect to another host) must never lead to a credentialed entry.
   */
  private void writeAliases(Target target, Response response, Instant storageExpiry) {
    for (Request hop : ResponseMapper.hopRequests(response)) {
      if (!sameCredentials(hop, target.request())) {
        continue;
      }
      Optional<String> alias = keys.of(hop);
      if (alias.isPresent() && !alias.get().equals(target.key())) {
        entries.putAlias(alias.get(), target.key(), hop, storageExpiry, target.ticket());
      }
    }
  }
}
