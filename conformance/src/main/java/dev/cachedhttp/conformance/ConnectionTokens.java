package dev.cachedhttp.conformance;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Headers;

/** The connection options of a message: the lower-case tokens of its {@code Connection} lines. */
final class ConnectionTokens {
  private ConnectionTokens() {
  }

  /** Every token of every {@code Connection} line of {@code headers}, lower case. */
  static Set<String> of(Headers headers) {
    Set<String> tokens = new TreeSet<>();
    for (String line : headers.values("Connection")) {
      for (String token : line.split(",")) {
        if (!token.isBlank()) {
          tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return tokens;
  }
}
