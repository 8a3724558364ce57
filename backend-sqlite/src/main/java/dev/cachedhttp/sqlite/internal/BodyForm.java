package dev.cachedhttp.sqlite.internal;

import java.util.Locale;

/**
 * How a response body is stored in the {@code body} column, named in {@code body_encoding}: the
 * SQLite type each form must have is checked on read.
 */
enum BodyForm {
  /** Text that reads back byte for byte in the charset of its {@code Content-Type}: TEXT. */
  TEXT("text"),
  /** Raw bytes: BLOB. */
  BINARY("blob"),
  /** Gzip-compressed bytes: BLOB. */
  GZIP("blob"),
  /** No body: NULL. */
  EMPTY("null");

  private static final BodyForm[] ALL = values();

  private final String sqliteType;

  BodyForm(String sqliteType) {
    this.sqliteType = sqliteType;
  }

  /** The value of {@code body_encoding}, e.g. {@code text}. */
  String columnValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The form named {@code value}, checked against the SQLite type of the stored body.
   *
   * @throws IllegalArgumentException for an unknown name or a body of another type
   */
  static BodyForm of(String value, String storedType) {
    for (BodyForm form : ALL) {
      if (form.columnValue().equals(value)) {
        if (!form.sqliteType.equals(storedType)) {
          throw new IllegalArgumentException("body_encoding " + value + " with a body of type "
              + storedType + " (expected " + form.sqliteType + ")");
        }
        return form;
      }
    }
    throw new IllegalArgumentException("unknown body_encoding \"" + value + "\"");
  }
}
