package dev.cachedhttp.sqlite.internal;

import java.util.List;

/**
 * The table {@value #TABLE}: one row per entry of every namespace, as in the DynamoDB table, with
 * the columns of a namespace's kind filled and the others null. The views {@code responses},
 * {@code redirects} and {@code value_entries} show one kind each.
 */
public final class Columns {
  /** The table holding every entry. */
  public static final String TABLE = "entries";

  /** The namespace of stored responses. */
  public static final String RESPONSES = "responses";

  /** The namespace of redirect aliases. */
  public static final String REDIRECTS = "redirects";

  /** The row format this code writes. */
  public static final int FORMAT = 1;

  /** The columns a put writes, in the order of {@link Row}'s values. */
  public static final List<String> WRITTEN = List.of(
      "url", "method", "status", "reason", "protocol", "headers", "request", "history",
      "request_sent_at", "created_at", "expires", "variant_generation", "body_encoding", "body",
      "body_crc32c", "target", "value", "value_type");

  private Columns() {}

  /** Index of {@code column} in {@link #WRITTEN}. */
  static int indexOf(String column) {
    int index = WRITTEN.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("unknown column " + column);
    }
    return index;
  }
}
