package dev.cachedhttp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import okhttp3.HttpUrl;

/**
 * The normalised form of a URL used in cache keys: lower-case scheme and host, default port
 * dropped, empty path as {@code /}, query pairs sorted by name (duplicates kept in their order) with
 * blank values kept, ignored parameters left out, no user info and no fragment. Path segments and
 * query parts are normalised on their encoded form as RFC 3986 section 6.2.2 allows and no
 * further: percent-encoded unreserved characters are decoded, other percent-encodings get
 * upper-case hex, every other character stays as it is. So two URLs share a form only when every
 * origin must treat them alike: {@code %FF} and {@code %FE} differ, and so do {@code +}, {@code
 * %2B} and {@code %20}.
 */
final class CanonicalUrl {
  /**
   * Pairs are sorted by name only, and the sort is stable: duplicates of a name keep their order,
   * since many servers read only the first (or last) of them.
   */
  private static final Comparator<String[]> PAIR_ORDER =
      Comparator.comparing((String[] pair) -> pair[0]);

  private CanonicalUrl() {}

  /** Returns the canonical form of {@code url} without the parameters {@code ignored} names. */
  public static String of(HttpUrl url, Predicate<String> ignored) {
    StringBuilder out = new StringBuilder(64);
    out.append(url.scheme()).append("://");
    appendHost(out, url.host());
    if (url.port() != HttpUrl.defaultPort(url.scheme())) {
      out.append(':').append(url.port());
    }
    for (String segment : url.encodedPathSegments()) {
      normalise(out.append('/'), segment);
    }
    List<String[]> pairs = encodedQueryPairs(url.encodedQuery(), ignored);
    if (!pairs.isEmpty()) {
      pairs.sort(PAIR_ORDER);
      appendPairs(out.append('?'), pairs);
    }
    return out.toString();
  }

  /**
   * Splits an encoded query or form body into normalised {@code [name, value]} pairs (value null
   * for a name without {@code =}), leaving out empty parts and names {@code ignored} accepts in
   * their decoded form.
   */
  private static List<String[]> encodedQueryPairs(String encoded, Predicate<String> ignored) {
    List<String[]> pairs = new ArrayList<>();
    if (encoded == null) {
      return pairs;
    }
    for (String part : encoded.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      if (ignored.test(decoded(name))) {
        continue;
      }
      String value = eq < 0 ? null : normalised(part.substring(eq + 1));
      pairs.add(new String[] {normalised(name), value});
    }
    return pairs;
  }

  /** Appends {@code name=value} pairs joined by {@code &}; a null value appends the name only. */
  private static void appendPairs(StringBuilder out, List<String[]> pairs) {
    for (int i = 0; i < pairs.size(); i++) {
      if (i > 0) {
        out.append('&');
      }
      out.append(pairs.get(i)[0]);
      if (pairs.get(i)[1] != null) {
        out.append('=').append(pairs.get(i)[1]);
      }
    }
  }

  private static void appendHost(StringBuilder out, String host) {
    if (host.indexOf(':') >= 0) {
      out.append('[').append(host).append(']');
    } else {
      out.append(host);
    }
  }

  private static String normalised(String encoded) {
    StringBuilder out = new StringBuilder(encoded.length());
    normalise(out, encoded);
    return out.toString();
  }

  /**
   * Appends {@code encoded} with percent-encoded unreserved characters decoded, other
   * percent-encodings in upper-case hex, characters outside ASCII percent-encoded as UTF-8, and
   * every other character as it is.
   */
  static void normalise(StringBuilder out, String encoded) {
    int i = 0;
    while (i < encoded.length()) {
      char c = encoded.charAt(i);
      int b = escapedByte(encoded, i);
      if (b >= 0) {
        if (unreserved(b)) {
          out.append((char) b);
        } else {
          appendEncoded(out, b);
        }
        i += 3;
      } else if (c < 0x80) {
        out.append(c);
        i++;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
        for (byte utf8 : encoded.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          appendEncoded(out, utf8 & 0xff);
        }
        i = end;
      }
    }
  }

  /** Percent-decodes {@code encoded} as UTF-8 ({@code +} is a space), for matching names. */
  static String decoded(String encoded) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(encoded.length());
    int i = 0;
    while (i < encoded.length()) {
      char c = encoded.charAt(i);
      int b = escapedByte(encoded, i);
      if (b >= 0) {
        bytes.write(b);
        i += 3;
      } else {
        byte[] utf8 = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i++;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The byte a {@code %XX} escape at {@code index} stands for, or -1 when there is none. */
  private static int escapedByte(String s, int index) {
    if (s.charAt(index) != '%') {
      return -1;
    }
    int high = hex(s, index + 1);
    int low = high >= 0 ? hex(s, index + 2) : -1;
    return low >= 0 ? high << 4 | low : -1;
  }

  /** The value of the ASCII hex digit at {@code index}, or -1. */
  private static int hex(String s, int index) {
    if (index >= s.length()) {
      return -1;
    }
    char c = s.charAt(index);
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static void appendEncoded(StringBuilder out, int b) {
    out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
  }
}
