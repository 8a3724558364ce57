package dev.cachedhttp.dynamodb.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed, checked reads of an item's attributes; every failure is an {@link
 * IllegalArgumentException} naming the attribute.
 */
final class Attributes {
  private final Map<String, AttributeValue> item;

  Attributes(Map<String, AttributeValue> item) {
    if (item == null) {
      throw new IllegalArgumentException("expected a map attribute");
    }
    this.item = item;
  }

  AttributeValue required(String name) {
    AttributeValue value = item.get(name);
    if (value == null) {
      throw new IllegalArgumentException("attribute " + name + " is missing");
    }
    return value;
  }

  String string(String name) {
    String s = required(name).s();
    if (s == null) {
      throw new IllegalArgumentException("attribute " + name + " is not a string");
    }
    return s;
  }

  int integer(String name) {
    String n = number(name);
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("attribute " + name + " is not an integer: " + n, e);
    }
  }

  long unsignedInt(String name) {
    String n = number(name);
    try {
      long value = Long.parseLong(n);
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("attribute " + name + " is out of range: " + n);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("attribute " + name + " is not an integer: " + n, e);
    }
  }

  private String number(String name) {
    String n = required(name).n();
    if (n == null) {
      throw new IllegalArgumentException("attribute " + name + " is not a number");
    }
    return n;
  }

  Instant instant(String name) {
    try {
      return IsoInstants.parse(string(name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("attribute " + name + " is not an ISO-8601 instant", e);
    }
  }

  Instant optionalInstant(String name) {
    return item.containsKey(name) ? instant(name) : null;
  }

  String optionalString(String name, String absent) {
    return item.containsKey(name) ? string(name) : absent;
  }

  Attributes map(String name) {
    AttributeValue value = required(name);
    if (!value.hasM()) {
      throw new IllegalArgumentException("attribute " + name + " is not a map");
    }
    return new Attributes(value.m());
  }

  List<AttributeValue> optionalList(String name) {
    return item.containsKey(name) ? list(item.get(name), name) : List.of();
  }

  /**
   * Returns the item's format version.
   *
   * @throws IllegalArgumentException when it is missing or not one this code reads
   */
  int checkFormat() {
    int format = integer(ItemAttributes.FORMAT);
    if (format < ItemAttributes.OLDEST_FORMAT || format > ItemAttributes.CURRENT_FORMAT) {
      throw new IllegalArgumentException("item format " + format + " is not supported (expected "
          + ItemAttributes.OLDEST_FORMAT + " to " + ItemAttributes.CURRENT_FORMAT + ")");
    }
    return format;
  }

  static List<AttributeValue> list(AttributeValue value, String name) {
    if (!value.hasL()) {
      throw new IllegalArgumentException("attribute " + name + " is not a list");
    }
    return value.l();
  }
}
