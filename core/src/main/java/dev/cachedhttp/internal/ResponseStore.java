package dev.cachedhttp.internal;

import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.Expiration;
import dev.cachedhttp.spi.CachedResponse;
import java.io.IOException;
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

  private final CacheContext ctx;

  ResponseStore(CacheContext ctx) {
    this.ctx = ctx;
  }

  /** The write target of one exchange: keys, generation and configured expiration. */
  record Target(Request request, String key, String generation,
      Optional<Expiration> configured) {}

  /** Stores {@code response} when storable and returns it, with its document when stored. */
  Coalescer.Outcome store(Target target, Response response, Instant sentAt) throws IOException {
    Instant receivedAt = ctx.clock().instant();
    Instant expires;
    boolean storable;
    try {
      expires = ctx.policy().expiresAt(response.code(), response.headers(), target.configured(),
          sentAt, receivedAt);
      storable = ctx.policy().storable(target.request(), response, expires, receivedAt);
    } catch (RuntimeException bug) {
      LOG.warn("cache could not judge the response of {}; not storing it",
          target.request().url().redact(), bug);
      expires = null;
      storable = false;
    }
    Optional<ByteString> body = storable ? bufferBody(target.request(), response)
        : Optional.empty();
    if (body.isEmpty()) {
      ctx.stats().writeSkipped();
      return new Coalescer.Outcome(tag(response, target, receivedAt, null, false), null);
    }
    Response buffered = response.newBuilder()
        .body(ResponseBody.create(body.get(), response.body().contentType()))
        .build();
    CachedResponse document = document(target, response, body.get(), sentAt, receivedAt,
        expires);
    boolean stored = document != null && write(target, response, document);
    return new Coalescer.Outcome(tag(buffered, target, receivedAt, expires, stored), document);
  }

  /** Refreshes {@code found} with a 304 (RFC 9111 section 4.3.4) and serves the stored body. */
  Coalescer.Outcome refresh(Target target, StoredEntries.Found found, Response notModified,
      Instant sentAt) {
    Instant receivedAt = ctx.clock().instant();
    notModified.close();
    CachedResponse merged = ctx.mapper().refreshed(found.response(), notModified, sentAt,
        receivedAt, null);
    Instant expires = ctx.policy().expiresAt(merged.status(), merged.headers(),
        target.configured(), sentAt, receivedAt);
    CachedResponse refreshed = merged.toBuilder().expires(expires).build();
    Instant storageExpiry = ctx.policy().storageExpiry(expires, refreshed.headers(),
        refreshed.hasValidator());
    boolean stored = ctx.entries().put(found.primaryKey(), found.generation(), refreshed,
        target.request(), storageExpiry);
    ctx.stats().revalidation();
    CacheInfo info = CacheInfo.create(CacheInfo.Source.REVALIDATED, found.primaryKey(),
        receivedAt, expires, expires != null && !receivedAt.isBefore(expires), stored);
    return new Coalescer.Outcome(ctx.mapper().toResponse(refreshed, target.request(), info,
        receivedAt), refreshed);
  }

  private Response tag(Response response, Target target, Instant receivedAt, Instant expires,
      boolean stored) {
    boolean expired = expires != null && !receivedAt.isBefore(expires);
    CacheInfo info = CacheInfo.create(CacheInfo.Source.NETWORK, target.key(), receivedAt,
        expires, expired, stored);
    return ctx.mapper().tag(response, info);
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
    long limit = ctx.maxBodyBytes();
    ResponseBody body = response.body();
    if (body.contentLength() > limit) {
      return Optional.empty();
    }
    BufferedSource source = body.source();
    if (source.request(limit + 1)) {
      return Optional.empty();
    }
    ByteString bytes = source.readByteString();
    body.close();
    return Optional.of(bytes);
  }

  private CachedResponse document(Target target, Response response, ByteString body,
      Instant sentAt, Instant receivedAt, Instant expires) {
    try {
      return ctx.mapper().toDocument(target.request(), response, body, sentAt, receivedAt,
          expires);
    } catch (RuntimeException bug) {
      LOG.warn("cache could not build a document for {}; not storing it",
          target.request().url().redact(), bug);
      ctx.stats().writeSkipped();
      return null;
    }
  }

  private boolean write(Target target, Response response, CachedResponse document) {
    Instant storageExpiry = ctx.policy().storageExpiry(document.expires().orElse(null),
        document.headers(), document.hasValidator());
    boolean stored = ctx.entries().put(target.key(), target.generation(), document,
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
        alias = ctx.keys().of(hop);
      } catch (RuntimeException bug) {
        alias = Optional.empty();
      }
      if (alias.isPresent() && !alias.get().equals(key)) {
        ctx.storage().putAlias(alias.get(), key, storageExpiry);
      }
    }
  }
}
