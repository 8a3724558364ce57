package dev.cachedhttp.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Computes cache keys (scheme {@value #SCHEME_VERSION}).
 *
 * <p>A key is {@code U.D} for GET and HEAD, {@code U-D} for other methods: {@code U} is 32 hex
 * digits of the SHA-256 digest of the normalised URL alone (the <em>URL group</em>), {@code D} 64
 * hex digits of the SHA-256 digest of {@code U} and the method, body, matched headers and
 * credentials of the request. Every stored entry of one URL, whatever its method, credentials or
 * {@code Vary} variant, so starts with {@code U}, and every GET and HEAD entry with {@code U.}: an
 * unsafe request invalidates them by prefix (RFC 9111 section 4.4).
 *
 * <p>Each digest part is written as a 4-byte big-endian length followed by its bytes, so no two
 * different sequences of parts produce the same digest input. Credentials ({@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie}) enter the key only as an HMAC-SHA256 under a secret
 * (the builder's {@code keySecret}, else one drawn at random for this process): someone who reads
 * the table cannot test guesses of a credential against a key. Immutable and thread-safe.
 */
public final class Keys {
  /** The version of the key scheme; the first part of every digest input. */
  public static final String SCHEME_VERSION = "cachedhttp-key-v3";

  /** Request headers whose values are credentials. */
  public static final List<String> CREDENTIAL_HEADERS =
      List.of("Authorization", "Proxy-Authorization", "Cookie");

  /** Hex digits of a key's URL group. */
  static final int GROUP_HEX_DIGITS = 32;

  /** Separates the URL group from the rest of a default key of a GET or HEAD request. */
  static final char READ_GROUP_END = '.';

  /** Separates the URL group from the rest of a default key of any other method. */
  static final char OTHER_GROUP_END = '-';

  /** Separates a primary key from the suffix of one of its {@code Vary} variants. */
  static final char VARIANT_MARK = '~';

  /** The largest custom key accepted from a key function. */
  static final int MAX_CUSTOM_KEY_LENGTH = 512;

  private static final HexFormat HEX = HexFormat.of();
  private static final String HMAC = "HmacSHA256";
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
  private final SecretKeySpec secret;
  private final ThreadLocal<Mac> macs;

  /** Creates a key builder whose credential parts use this process's random secret. */
  public Keys(IgnoredParameters ignored, List<String> matchHeaders,
      Function<Request, String> customKey) {
    this(ignored, matchHeaders, customKey, null);
  }

  /**
   * Creates a key builder.
   *
   * @param ignored parameters left out of keys
   * @param matchHeaders request header names whose values are part of the key
   * @param customKey a user function replacing the default key, or null
   * @param secret the secret of the credential HMAC, or null for this process's random one
   */
  public Keys(IgnoredParameters ignored, List<String> matchHeaders,
      Function<Request, String> customKey, byte[] secret) {
    this.ignored = ignored;
    this.matchHeaders = List.copyOf(matchHeaders);
    this.customKey = customKey;
    this.bodies = new RequestBodies(ignored);
    this.secret = new SecretKeySpec(secret != null ? secret.clone() : ProcessSecret.BYTES, HMAC);
    this.macs = ThreadLocal.withInitial(this::newMac);
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
    String group = group(request.url());
    MessageDigest digest = sha256();
    part(digest, SCHEME_VERSION);
    part(digest, group);
    part(digest, request.method());
    part(digest, body.get());
    for (String name : matchHeaders) {
      if (!ignored.isIgnoredHeader(name)) {
        List<String> values = request.headers(name);
        part(digest, name.toLowerCase(java.util.Locale.ROOT));
        part(digest, Integer.toString(values.size()));
        for (String value : values) {
          part(digest, value);
        }
      }
    }
    byte[] credentials = credentials(request);
    if (credentials != null) {
      part(digest, credentials);
    }
    String method = request.method();
    char end = "GET".equals(method) || "HEAD".equals(method) ? READ_GROUP_END : OTHER_GROUP_END;
    return Optional.of(group + end + HEX.formatHex(digest.digest()));
  }

  /**
   * Returns the URL group of {@code url}: 32 hex digits of the digest of its normalised form
   * (ignored parameters left out). Every default key of the URL starts with it.
   */
  public String group(HttpUrl url) {
    MessageDigest digest = sha256();
    part(digest, SCHEME_VERSION);
    part(digest, "url");
    part(digest, CanonicalUrl.of(url, ignored::isIgnoredParameter));
    return HEX.formatHex(digest.digest(), 0, GROUP_HEX_DIGITS / 2);
  }

  /**
   * Returns the key prefixes that cover the stored entries of {@code url}: with the default keys,
   * the URL group (every method, credential and variant), or with {@code readsOnly} the group and
   * {@value #READ_GROUP_END} (every GET and HEAD entry); with a custom key function, the custom
   * keys of GET and HEAD requests of the URL with {@code like}'s headers, which cover every
   * credential and variant of those keys (and any other key that happens to start alike: an
   * invalidation may delete more than it must, never less).
   */
  public List<String> invalidationPrefixes(HttpUrl url, Request like, boolean readsOnly) {
    if (customKey == null) {
      return List.of(readsOnly ? group(url) + READ_GROUP_END : group(url));
    }
    java.util.ArrayList<String> prefixes = new java.util.ArrayList<>(2);
    for (String method : List.of("GET", "HEAD")) {
      String key = customKey.apply(like.newBuilder().url(url).method(method, null).build());
      if (key != null && !key.isBlank() && key.length() <= MAX_CUSTOM_KEY_LENGTH
          && !prefixes.contains(key)) {
        prefixes.add(key);
      }
    }
    return List.copyOf(prefixes);
  }

  /** The URL group of a call keyed {@code key}: read off a default key, computed otherwise. */
  public String groupOf(Request request, String key) {
    return customKey == null ? key.substring(0, GROUP_HEX_DIGITS) : group(request.url());
  }

  /**
   * Returns the key of one variant of the response stored under {@code primaryKey}: the primary
   * key, {@value #VARIANT_MARK} and a digest of {@code parts} (the normalised names and values of
   * the request headers the response varies on). The primary key already carries the credentials,
   * and every variant key starts with it.
   */
  public String variant(String primaryKey, List<String> parts) {
    MessageDigest digest = sha256();
    part(digest, SCHEME_VERSION);
    part(digest, "variant");
    for (String text : parts) {
      part(digest, text);
    }
    return primaryKey + VARIANT_MARK + HEX.formatHex(digest.digest(), 0, 16);
  }

  private Optional<String> customKeyOf(Request request) {
    String key = customKey.apply(request);
    if (key == null || key.isBlank() || key.length() > MAX_CUSTOM_KEY_LENGTH) {
      return Optional.empty();
    }
    byte[] credentials = credentials(request);
    if (credentials == null) {
      return Optional.of(key);
    }
    return Optional.of(key + "#" + HEX.formatHex(credentials, 0, 8));
  }

  /** True when {@code request} carries any credential header. */
  public static boolean hasCredentials(Request request) {
    for (String name : CREDENTIAL_HEADERS) {
      if (request.header(name) != null) {
        return true;
      }
    }
    return false;
  }

  /** The HMAC of the request's credential headers, or null when it carries none. */
  private byte[] credentials(Request request) {
    if (!hasCredentials(request)) {
      return null;
    }
    Mac mac = macs.get();
    mac.reset();
    for (String name : CREDENTIAL_HEADERS) {
      List<String> values = request.headers(name);
      macPart(mac, name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      macPart(mac, Integer.toString(values.size()).getBytes(StandardCharsets.UTF_8));
      for (String value : values) {
        macPart(mac, value.getBytes(StandardCharsets.UTF_8));
      }
    }
    return mac.doFinal();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      return mac;
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JVM has " + HMAC, impossible);
    }
  }

  private static void macPart(Mac mac, byte[] bytes) {
    mac.update(lengthOf(bytes.length));
    mac.update(bytes);
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

  private static byte[] lengthOf(int length) {
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
        (byte) length};
  }

  /** A reset SHA-256 digest owned by the calling thread (creating one costs a provider lookup). */
  private static MessageDigest sha256() {
    MessageDigest digest = DIGESTS.get();
    digest.reset();
    return digest;
  }

  /** The secret of this process, drawn once: credential keys are private to the process. */
  private static final class ProcessSecret {
    static final byte[] BYTES = random();

    private static byte[] random() {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      return bytes;
    }
  }
}
