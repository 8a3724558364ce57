package dev.cachedhttp.dynamodb.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Computes the size DynamoDB charges for an item, following the published rules: attribute names
 * plus values, strings and binaries by length, numbers about one byte per two significant digits
 * plus one, 3 bytes plus one per element for maps and lists. Rounds up where the rules are
 * approximate, so an item found to fit does fit.
 */
public final class ItemSize {
  /** DynamoDB's item size limit: 400 KB. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;

  /** Kept free below {@link #MAX_ITEM_BYTES} for the estimate's error. */
  public static final int SAFETY_MARGIN_BYTES = 1024;

  /** The largest item this backend writes. */
  public static final int WRITABLE_ITEM_BYTES = MAX_ITEM_BYTES - SAFETY_MARGIN_BYTES;

  private static final int NUMBER_MAX_BYTES = 21;
  private static final int CONTAINER_OVERHEAD = 3;
  private static final int ELEMENT_OVERHEAD = 1;

  private ItemSize() {}

  /** The size of {@code item}, in bytes. */
  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8Length(attribute.getKey()) + of(attribute.getValue());
    }
    return size;
  }

  /** The size of one value, without a name. */
  public static long of(AttributeValue value) {
    switch (value.type()) {
      case S:
        return utf8Length(value.s());
      case N:
        return numberSize(value.n());
      case B:
        return value.b().asByteArrayUnsafe().length;
      case BOOL:
      case NUL:
        return 1;
      case M:
        return CONTAINER_OVERHEAD + of(value.m()) + (long) ELEMENT_OVERHEAD * value.m().size();
      case L:
        return listSize(value.l());
      case SS:
        return value.ss().stream().mapToLong(ItemSize::utf8Length).sum();
      case NS:
        return value.ns().stream().mapToLong(ItemSize::numberSize).sum();
      case BS:
        return value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
      default:
        throw new IllegalArgumentException("unknown attribute type " + value.type());
    }
  }

  private static long listSize(List<AttributeValue> list) {
    long size = CONTAINER_OVERHEAD;
    for (AttributeValue element : list) {
      size += ELEMENT_OVERHEAD + of(element);
    }
    return size;
  }

  private static long numberSize(String number) {
    try {
      int digits = new BigDecimal(number).stripTrailingZeros().precision();
      return Math.min(NUMBER_MAX_BYTES, (digits + 1) / 2 + 1);
    } catch (NumberFormatException e) {
      return NUMBER_MAX_BYTES;
    }
  }

  /** The UTF-8 length of {@code s} without allocating. */
  static long utf8Length(String s) {
    long length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
