package dev.cachedhttp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import okhttp3.HttpUrl;

/**
 * The normalised form of a URL used in cache keys: lower-case scheme and host, default port
 * dropped, empty path as {@code /}, every path segment and query part percent-encoded the same
 * way, query pairs sorted by name then value with duplicates and blank values kept, ignored
 * parameters left out, no user info and no fragment.
 */
public final class CanonicalUrl {
  private static final Comparator<String[]> PAIR_ORDER = Comparator
      .comparing((String[] pair) -> pair[0])
      .thenComparing(pair -> pair[1], Comparator.nullsFirst(Comparator.naturalOrder()));

  private CanonicalUrl() {}

  /** Returns the canonical form of {@code url} without the parameters {@code ignored} names. */
  public static String of(HttpUrl url, Predicate<String> ignored) {
    StringBuilder out = new StringBuilder(64);
    out.append(url.scheme()).append("://");
    appendHost(out, url.host());
    if (url.port() != HttpUrl.defaultPort(url.scheme())) {
      out.append(':').append(url.port());
    }
    for (String segment : url.pathSegments()) {
      out.append('/');
      encode(out, segment);
    }
    List<String[]> pairs = queryPairs(url, ignored);
    if (!pairs.isEmpty()) {
      pairs.sort(PAIR_ORDER);
      appendPairs(out.append('?'), pairs);
    }
    return out.toString();
  }

  /** Returns the decoded query pairs of {@code url} in order, without ignored names. */
  static List<String[]> queryPairs(HttpUrl url, Predicate<String> ignored) {
    List<String[]> pairs = new ArrayList<>(url.querySize());
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      if (!ignored.test(name)) {
        pairs.add(new String[] {name, url.queryParameterValue(i)});
      }
    }
    return pairs;
  }

  /** Appends {@code name=value} pairs joined by {@code &}; a null value appends the name only. */
  static void appendPairs(StringBuilder out, List<String[]> pairs) {
    for (int i = 0; i < pairs.size(); i++) {
      if (i > 0) {
        out.append('&');
      }
      encode(out, pairs.get(i)[0]);
      if (pairs.get(i)[1] != null) {
        encode(out.append('='), pairs.get(i)[1]);
      }
    }
  }

  /** Sorts pairs the way query pairs are sorted in canonical URLs. */
  static void sortPairs(List<String[]> pairs) {
    pairs.sort(PAIR_ORDER);
  }

  private static void appendHost(StringBuilder out, String host) {
    if (host.indexOf(':') >= 0) {
      out.append('[').append(host).append(']');
    } else {
      out.append(host);
    }
  }

  /** Percent-encodes every byte outside RFC 3986's unreserved set, with upper-case hex. */
  static void encode(StringBuilder out, String decoded) {
    for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }
}
