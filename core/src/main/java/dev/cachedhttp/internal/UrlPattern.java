package dev.cachedhttp.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob matched against a URL without its scheme ({@code host[:port]/path?query}).
 *
 * <p>{@code *} matches any run of characters except {@code /}, {@code **} any run including
 * {@code /}, {@code ?} one character except {@code /}; every other character matches itself:
 * letters ignoring case in the host (before the first {@code /}), exactly in the path and query. A trailing {@code **} is implied, so a pattern
 * also matches every URL that extends what it matches. Immutable.
 */
public final class UrlPattern {
  private final String glob;
  private final Pattern regex;

  private UrlPattern(String glob, Pattern regex) {
    this.glob = glob;
    this.regex = regex;
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws IllegalArgumentException when the glob is blank, contains white space, a scheme,
   *     three or more {@code *} in a row, or a character that cannot appear in a URL
   */
  public static UrlPattern compile(String glob) {
    Objects.requireNonNull(glob, "glob");
    String problem = problemWith(glob);
    if (problem != null) {
      throw new IllegalArgumentException("malformed URL pattern '" + glob + "': " + problem);
    }
    int slash = glob.indexOf('/');
    int hostEnd = slash < 0 ? glob.length() : slash;
    StringBuilder re = new StringBuilder("(?i:");
    int i = 0;
    while (i < glob.length()) {
      if (i == hostEnd) {
        re.append(')');
      }
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    if (hostEnd == glob.length()) {
      re.append(')');
    }
    re.append(".*");
    return new UrlPattern(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  private static String problemWith(String glob) {
    if (glob.isBlank()) {
      return "it is empty";
    }
    if (glob.contains("://")) {
      return "leave out the scheme (patterns match the URL without it)";
    }
    if (glob.contains("***")) {
      return "'***' is not a wildcard; use '*' or '**'";
    }
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "white space or control character at index " + i;
      }
      if ("[]{}\\<>\"^`|".indexOf(c) >= 0) {
        return "character '" + c + "' at index " + i + " is not supported";
      }
    }
    return null;
  }

  /** Returns true when {@code urlWithoutScheme} matches this pattern. */
  public boolean matches(String urlWithoutScheme) {
    return regex.matcher(urlWithoutScheme).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
