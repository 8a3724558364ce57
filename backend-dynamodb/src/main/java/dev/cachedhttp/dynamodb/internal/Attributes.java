package dev.cachedhttp.dynamodb.internal;

import java.time.Instant;
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
    String n = required(name).n();
    if (n == null) {
      throw new IllegalArgumentException("attribute " + name + " is not a number");
    }
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("attribute " + name + " is not an integer: " + n, e);
    }
  }

  Instant optionalInstant(String name) {
    return item.containsKey(name) ? Instant.parse(string(name)) : null;
  }

  void checkFormat() {
    int format = integer(ItemAttributes.FORMAT);
    if (format != ItemAttributes.CURRENT_FORMAT) {
      throw new IllegalArgumentException("item format " + format + " is not supported (expected "
          + ItemAttributes.CURRENT_FORMAT + ")");
    }
  }

  static List<AttributeValue> list(AttributeValue value, String name) {
    if (!value.hasL()) {
      throw new IllegalArgumentException("attribute " + name + " is not a list");
    }
    return value.l();
  }
}
