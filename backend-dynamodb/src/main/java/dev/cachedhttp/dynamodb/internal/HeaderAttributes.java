package dev.cachedhttp.dynamodb.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores headers as a Map from name to a List of values. Values of one name keep their order;
 * names differing only in case share the spelling first seen. The order between different names
 * is not kept (HTTP gives it no meaning).
 */
final class HeaderAttributes {
  private HeaderAttributes() {}

  static AttributeValue toAttribute(Headers headers) {
    Map<String, String> spelling = new LinkedHashMap<>();
    Map<String, List<AttributeValue>> values = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String lower = headers.name(i).toLowerCase(Locale.ROOT);
      String name = spelling.get(lower);
      if (name == null) {
        name = headers.name(i);
        spelling.put(lower, name);
      }
      values.computeIfAbsent(name, n -> new ArrayList<>())
          .add(AttributeValue.fromS(headers.value(i)));
    }
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    values.forEach((name, list) -> map.put(name, AttributeValue.fromL(list)));
    return AttributeValue.fromM(map);
  }

  static Headers fromAttribute(AttributeValue value) {
    if (!value.hasM()) {
      throw new IllegalArgumentException("headers must be a map but was " + value.type());
    }
    Headers.Builder builder = new Headers.Builder();
    for (Map.Entry<String, AttributeValue> header : value.m().entrySet()) {
      for (AttributeValue v : Attributes.list(header.getValue(), header.getKey())) {
        if (v.s() == null) {
          throw new IllegalArgumentException("header " + header.getKey()
              + " has a non-string value");
        }
        builder.addUnsafeNonAscii(header.getKey(), v.s());
      }
    }
    return builder.build();
  }
}
