package dev.cachedhttp.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Request;

/**
 * Computes cache keys: a versioned SHA-256 digest, in lower-case hex, of the normalised method,
 * URL, body and matched headers of a request, plus the credentials it carries.
 *
 * <p>Each part is written as a 4-byte big-endian length followed by its UTF-8 bytes, so no two
 * different sequences of parts produce the same digest input. The first part is {@link
 * #SCHEME_VERSION}: changing the algorithm changes the version, so new keys can never collide
 * with keys of an older scheme. Credentials ({@code Authorization}, {@code Proxy-Authorization},
 * {@code Cookie}) are always part of the key and never stored. Immutable and thread-safe.
 */
public final class Keys {
  /** The version of the key scheme; the first part of every digest input. */
  public static final String SCHEME_VERSION = "cachedhttp-key-v2";

  /** Request headers whose values are credentials. */
  public static final List<String> CREDENTIAL_HEADERS =
      List.of("Authorization", "Proxy-Authorization", "Cookie");

  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  });

  private final IgnoredParameters ignored;
  private final List<String> matchHeaders;
  private final Function<Request, String> customKey;
  private final RequestBodies bodies;

  /**
   * Creates a key builder.
   *
   * @param ignored parameters left out of keys
   * @param matchHeaders request header names whose values are part of the key
   * @param customKey a user function replacing the default key, or null
   */
  public Keys(IgnoredParameters ignored, List<String> matchHeaders,
      Function<Request, String> customKey) {
    this.ignored = ignored;
    this.matchHeaders = List.copyOf(matchHeaders);
    this.customKey = customKey;
    this.bodies = new RequestBodies(ignored);
  }

  /**
   * Returns the key of {@code request}, or empty when it cannot be keyed: its body can be read
   * only once or is larger than {@link RequestBodies#MAX_KEYED_BODY_BYTES}, or a custom key
   * function returned nothing usable.
   */
  public Optional<String> of(Request request) {
    if (customKey != null) {
      return customKeyOf(request);
    }
    Optional<byte[]> body = bodies.canonicalBody(request);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest digest = sha256();
    part(digest, SCHEME_VERSION);
    part(digest, request.method().toUpperCase(Locale.ROOT));
    part(digest, CanonicalUrl.of(request.url(), ignored::isIgnoredParameter));
    part(digest, body.get());
    for (String name : matchHeaders) {
      if (!ignored.isIgnoredHeader(name)) {
        part(digest, name.toLowerCase(Locale.ROOT));
        part(digest, String.join("\n", request.headers(name)));
      }
    }
    credentials(digest, request);
    return Optional.of(HEX.formatHex(digest.digest()));
  }

  /**
   * Returns the key of one variant of the response stored under {@code primaryKey}: a digest of
   * that key and {@code parts} (the normalised names and values of the request headers the
   * response varies on). The primary key already carries the credentials.
   */
  public String variant(String primaryKey, List<String> parts) {
    MessageDigest digest = sha256();
    part(digest, SCHEME_VERSION);
    part(digest, "variant");
    part(digest, primaryKey);
    for (String text : parts) {
      part(digest, text);
    }
    return HEX.formatHex(digest.digest());
  }

  private Optional<String> customKeyOf(Request request) {
    String key = customKey.apply(request);
    if (key == null || key.isBlank() || key.length() > 512) {
      return Optional.empty();
    }
    if (!hasCredentials(request)) {
      return Optional.of(key);
    }
    MessageDigest digest = sha256();
    part(digest, SCHEME_VERSION);
    credentials(digest, request);
    return Optional.of(key + "#" + HEX.formatHex(digest.digest(), 0, 8));
  }

  private static boolean hasCredentials(Request request) {
    for (String name : CREDENTIAL_HEADERS) {
      if (request.header(name) != null) {
        return true;
      }
    }
    return false;
  }

  private static void credentials(MessageDigest digest, Request request) {
    for (String name : CREDENTIAL_HEADERS) {
      List<String> values = request.headers(name);
      if (!values.isEmpty()) {
        part(digest, name.toLowerCase(Locale.ROOT));
        part(digest, String.join("\n", values));
      }
    }
  }

  private static void part(MessageDigest digest, String text) {
    part(digest, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void part(MessageDigest digest, byte[] bytes) {
    int length = bytes.length;
    digest.update((byte) (length >>> 24));
    digest.update((byte) (length >>> 16));
    digest.update((byte) (length >>> 8));
    digest.update((byte) length);
    digest.update(bytes);
  }

  /** A reset SHA-256 digest owned by the calling thread (creating one costs a provider lookup). */
  private static MessageDigest sha256() {
    MessageDigest digest = DIGESTS.get();
    digest.reset();
    return digest;
  }
}
