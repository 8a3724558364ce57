package dev.cachedhttp.cli;

import java.util.Locale;

/**
 * Makes text read from the table safe to print on a terminal: anyone who can write to the table
 * could otherwise plant escape sequences (clear the screen, rewrite earlier lines, set the window
 * title) in a URL, a key or a header value.
 */
final class Terminal {
  private Terminal() {}

  /**
   * {@code text} with every control character (C0, DEL, C1) and every bidirectional-override
   * character written as {@code \xNN} or <code>&#92;uNNNN</code>; null stays null.
   */
  static String escape(String text) {
    return escape(text, false);
  }

  /** Like {@link #escape(String)} but keeps line feeds and tabs, for text such as a body. */
  static String escapeKeepingLines(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepLines) {
    if (text == null || text.chars().noneMatch(c -> needsEscape(c, keepLines))) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.chars().forEach(c -> {
      if (!needsEscape(c, keepLines)) {
        out.append((char) c);
      } else {
        out.append(String.format(Locale.ROOT, c < 0x100 ? "\\x%02x" : "\\u%04x", c));
      }
    });
    return out.toString();
  }

  private static boolean needsEscape(int c, boolean keepLines) {
    if (keepLines && (c == '\n' || c == '\t')) {
      return false;
    }
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
