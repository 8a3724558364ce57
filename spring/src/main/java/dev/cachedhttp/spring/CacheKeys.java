package dev.cachedhttp.spring;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * Turns a Spring cache key into the string a value is stored under, so that different parameter
 * lists never share one: a {@link SimpleKey} (what Spring makes of several parameters) becomes
 * {@code (e1,e2)}, an array or a collection {@code [e1,e2]}, with strings quoted and escaped as
 * in JSON and lists nested ({@code ("acme","shoes, red")} and {@code ("acme, shoes","red")}
 * differ); any other key is its {@link String#valueOf} (so {@code 42} and {@code "42"} are one
 * key, and a key class of your own needs a {@code toString} that tells its instances apart). A
 * plain key that begins with {@code (}, {@code [} or {@code \} is prefixed with {@code \}, so no
 * plain key meets a list.
 * Thread-safe.
 */
final class CacheKeys {
  private static final Logger LOG = LoggerFactory.getLogger(CacheKeys.class);
  private static final int MAX_DEPTH = 16;
  private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

  private CacheKeys() {}

  /** The stored form of {@code key}. */
  static String of(Object key) {
    Objects.requireNonNull(key, "key");
    if (isList(key)) {
      StringBuilder out = new StringBuilder();
      appendList(out, key, 0);
      return out.toString();
    }
    String plain = String.valueOf(key);
    return plain.isEmpty() || "[(\\".indexOf(plain.charAt(0)) < 0 ? plain : "\\" + plain;
  }

  private static boolean isList(Object key) {
    return key.getClass().isArray() || key instanceof Collection<?>
        || (key instanceof SimpleKey && SIMPLE_KEY_PARAMS != null);
  }

  private static void appendList(StringBuilder out, Object list, int depth) {
    boolean parameters = list instanceof SimpleKey;
    out.append(parameters ? '(' : '[');
    Object[] elements = elements(list);
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendElement(out, elements[i], depth + 1);
    }
    out.append(parameters ? ')' : ']');
  }

  private static void appendElement(StringBuilder out, Object element, int depth) {
    if (element == null) {
      out.append("null");
    } else if (depth < MAX_DEPTH && isList(element)) {
      appendList(out, element, depth);
    } else if (element instanceof Number || element instanceof Boolean) {
      out.append(element);
    } else {
      out.append('"').append(JsonStringEncoder.getInstance()
          .quoteAsString(String.valueOf(element))).append('"');
    }
  }

  private static Object[] elements(Object list) {
    if (list instanceof SimpleKey) {
      try {
        return ((Object[]) SIMPLE_KEY_PARAMS.get(list)).clone();
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read the parameters of a SimpleKey", e);
      }
    }
    if (list instanceof Collection<?> collection) {
      return collection.toArray();
    }
    Object[] elements = new Object[Array.getLength(list)];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = Array.get(list, i);
    }
    return elements;
  }

  /**
   * SimpleKey keeps its parameters private and prints them joined with ", ", which merges
   * parameter lists; they are read directly. Where that is not permitted, SimpleKey's own text
   * is used, with a warning.
   */
  private static Field simpleKeyParams() {
    try {
      Field params = SimpleKey.class.getDeclaredField("params");
      params.setAccessible(true);
      return params;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("The parameters of Spring's SimpleKey cannot be read ({}): cache keys of several "
          + "parameters are compared by SimpleKey.toString, so parameter lists that print alike "
          + "share an entry. Use a key of your own (@Cacheable(key = ...)) for such methods.",
          e.toString());
      return null;
    }
  }
}
