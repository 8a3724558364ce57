package dev.cachedhttp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits {@code Cache-Control} field values into directives (RFC 9111 section 5.2): a
 * comma-separated list of {@code name} or {@code name=value}, where a value is a token or a
 * quoted string. Names are compared ignoring case; quoted values are unquoted; every occurrence
 * of a directive is kept, in order, so the caller can see duplicates. Malformed members are kept
 * with the raw text as their value, so the caller can treat them as invalid. Pure and thread-safe.
 */
final class DirectiveParser {
  private DirectiveParser() {}

  /**
   * Parses every field line in {@code values} and returns lower-case directive names mapped to
   * the values of each occurrence ({@code null} for an occurrence without a value).
   */
  public static Map<String, List<String>> parse(List<String> values) {
    Map<String, List<String>> directives = new LinkedHashMap<>();
    for (String value : values) {
      for (String member : members(value)) {
        addMember(directives, member);
      }
    }
    return directives;
  }

  private static void addMember(Map<String, List<String>> directives, String member) {
    String trimmed = member.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    int eq = trimmed.indexOf('=');
    String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
    String argument = eq < 0 ? null : unquote(trimmed.substring(eq + 1).trim());
    directives.computeIfAbsent(name, n -> new ArrayList<>()).add(argument);
  }

  /** Splits on commas that are not inside a quoted string. */
  static List<String> members(String value) {
    List<String> members = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\' && i + 1 < value.length()) {
        current.append(c).append(value.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (c == ',' && !quoted) {
        members.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    members.add(current.toString());
    return members;
  }

  /** Removes the quotes and backslash escapes of a quoted string; returns a token unchanged. */
  static String unquote(String argument) {
    if (argument.length() < 2 || argument.charAt(0) != '"'
        || argument.charAt(argument.length() - 1) != '"') {
      return argument;
    }
    StringBuilder out = new StringBuilder(argument.length());
    for (int i = 1; i < argument.length() - 1; i++) {
      char c = argument.charAt(i);
      if (c == '\\' && i + 1 < argument.length() - 1) {
        c = argument.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
