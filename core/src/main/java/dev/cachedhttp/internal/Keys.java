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
 * <p>A key is {@code U.D} for GET and HEAD, {@code U-D} for other methods (65 characters): {@code
 * U} is 32 hex digits (the first 16 bytes) of the SHA-256 digest of the normalised URL alone (the
 * <em>URL group</em>), {@code D} 32 hex digits of the SHA-256 digest of those 16 bytes, the scheme
 * version and the method, body, matched headers and credentials of the request. A plain GET of a
 * URL up to 51 bytes hashes two SHA-256 blocks in all. Every stored entry of one URL, whatever its method, credentials or
 * {@code Vary} variant, so starts with {@code U}, and every GET and HEAD entry with {@code U.}: an
 * unsafe request invalidates them by prefix (RFC 9111 section 4.4).
 *
 * <p>Each digest part is written as a 4-byte big-endian length followed by its bytes, so no two
 * different sequences of parts produce the same digest input. Credentials ({@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie}) enter the key only as an HMAC-SHA256 under a secret
 * (the builder's {@code keySecret}, else one drawn at random for this process): someone who reads
 * the table cannot test guesses of a credential against a key.
 *
 * <p>The key of a plain read (a GET or HEAD without body, credential or matched header) depends
 * only on its URL: those are remembered per URL (bounded, see {@link ParseMemo}), so a repeated
 * read hashes nothing. Thread-safe.
 */
public final class Keys {
  /** The version of the key scheme; the first part of every digest input. */
  public static final String SCHEME_VERSION = "cachedhttp-key-v3";

  /** Request headers whose values are credentials. */
  public static final List<String> CREDENTIAL_HEADERS =
      List.of("Authorization", "Proxy-Authorization", "Cookie");

  /** Hex digits of a key's URL group. */
  static final int GROUP_HEX_DIGITS = 32;

  /** Hex digits of the rest of a key. */
  static final int DIGEST_HEX_DIGITS = 32;

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
  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
  private static final byte[] VERSION_BYTES = SCHEME_VERSION.getBytes(StandardCharsets.UTF_8);
  private static final byte[] GET_BYTES = "GET".getBytes(StandardCharsets.UTF_8);
  private static final byte[] HEAD_BYTES = "HEAD".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NO_BODY = new byte[0];
  /** URLs whose plain GET and HEAD keys are remembered (each up to 256 characters). */
  private static final int MEMO_CAPACITY = 2048;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final IgnoredParameters ignored;
  private final List<String> matchHeaders;
  private final Function<Request, String> customKey;
  private final RequestBodies bodies;
  private final SecretKeySpec secret;
  private final ThreadLocal<Mac> macs;
  private final ParseMemo<String> plainGets =
      new ParseMemo<>(url -> digestKey(HttpUrl.get(url), "GET", NO_BODY, null), MEMO_CAPACITY);
  private final ParseMemo<String> plainHeads =
      new ParseMemo<>(url -> digestKey(HttpUrl.get(url), "HEAD", NO_BODY, null), MEMO_CAPACITY);

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
    String method = request.method();
    if (request.body() == null && isPlain(request)) {
      ParseMemo<String> memo = "GET".equals(method) ? plainGets
          : "HEAD".equals(method) ? plainHeads : null;
      if (memo != null) {
        return Optional.of(memo.get(request.url().toString()));
      }
    }
    Optional<byte[]> body = bodies.canonicalBody(request);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(digestKey(request.url(), method, body.get(), request));
  }

  /**
   * True when the key of {@code request} depends only on its method and URL: it carries no
   * credential and none of the matched headers (its body is checked by the caller).
   */
  private boolean isPlain(Request request) {
    if (hasCredentials(request)) {
      return false;
    }
    for (String name : matchHeaders) {
      if (request.header(name) != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The default key of a request with this URL, method and canonical body; its matched headers
   * and credentials are read from {@code headersFrom} (null: a request without any).
   */
  private String digestKey(HttpUrl url, String method, byte[] body, Request headersFrom) {
    Scratch scratch = SCRATCH.get();
    MessageDigest digest = scratch.digest;
    groupInto(scratch, url);
    digest.reset();
    part(digest, scratch.groupBytes);
    part(digest, VERSION_BYTES);
    part(digest, "GET".equals(method) ? GET_BYTES : "HEAD".equals(method) ? HEAD_BYTES
        : method.getBytes(StandardCharsets.UTF_8));
    part(digest, body);
    for (String name : matchHeaders) {
      if (!ignored.isIgnoredHeader(name)) {
        List<String> values = headersFrom == null ? List.of() : headersFrom.headers(name);
        part(digest, name.toLowerCase(java.util.Locale.ROOT));
        part(digest, Integer.toString(values.size()));
        for (String value : values) {
          part(digest, value);
        }
      }
    }
    byte[] credentials = headersFrom == null ? null : credentials(headersFrom);
    if (credentials != null) {
      part(digest, credentials);
    }
    char[] key = scratch.key;
    key[GROUP_HEX_DIGITS] = "GET".equals(method) || "HEAD".equals(method) ? READ_GROUP_END
        : OTHER_GROUP_END;
    hexInto(digest.digest(), DIGEST_HEX_DIGITS / 2, key, GROUP_HEX_DIGITS + 1);
    return new String(key);
  }

  /** Digests the URL group of {@code url} into {@code scratch} (its bytes and hex digits). */
  private void groupInto(Scratch scratch, HttpUrl url) {
    MessageDigest digest = scratch.digest;
    digest.reset();
    part(digest, CanonicalUrl.of(url, ignored::isIgnoredParameter));
    byte[] group = digest.digest();
    System.arraycopy(group, 0, scratch.groupBytes, 0, GROUP_HEX_DIGITS / 2);
    for (int i = 0; i < GROUP_HEX_DIGITS / 2; i++) {
      scratch.key[2 * i] = HEX_DIGITS[(group[i] >> 4) & 0xf];
      scratch.key[2 * i + 1] = HEX_DIGITS[group[i] & 0xf];
    }
  }

  private static void hexInto(byte[] bytes, int count, char[] out, int offset) {
    for (int i = 0; i < count; i++) {
      out[offset + 2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
      out[offset + 2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
    }
  }

  /** Per-thread buffers of the key computation: it allocates only the key itself. */
  private static final class Scratch {
    final MessageDigest digest = newSha256();
    final byte[] groupBytes = new byte[GROUP_HEX_DIGITS / 2];
    final char[] key = new char[GROUP_HEX_DIGITS + 1 + DIGEST_HEX_DIGITS];
  }

  /**
   * Returns the URL group of {@code url}: 32 hex digits of the digest of its normalised form
   * (ignored parameters left out). Every default key of the URL starts with it.
   */
  public String group(HttpUrl url) {
    Scratch scratch = SCRATCH.get();
    groupInto(scratch, url);
    return new String(scratch.key, 0, GROUP_HEX_DIGITS);
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
    MessageDigest digest = SCRATCH.get().digest;
    digest.reset();
    return digest;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
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
