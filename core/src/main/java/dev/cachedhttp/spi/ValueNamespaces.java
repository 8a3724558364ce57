package dev.cachedhttp.spi;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for the names of value namespaces ({@link Backend#values(String)}): 1 to {@value
 * #MAX_LENGTH} letters, digits, {@code _}, {@code .} or {@code -}, and not one of the namespaces
 * the HTTP cache uses ({@link #RESERVED}). Backends may prefix the name (a DynamoDB cache name)
 * but store it otherwise as given.
 */
public final class ValueNamespaces {
  /** The longest namespace name accepted. */
  public static final int MAX_LENGTH = 64;

  /** The namespaces the HTTP cache uses, which value caches must not: responses, redirects. */
  public static final Set<String> RESERVED = Set.of("responses", "redirects");

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");

  private ValueNamespaces() {}

  /**
   * Returns {@code namespace} when it is a valid value namespace.
   *
   * @throws NullPointerException when it is null
   * @throws IllegalArgumentException naming the value when it is blank, too long, has other
   *     characters or is reserved
   */
  public static String check(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (namespace.isEmpty() || namespace.length() > MAX_LENGTH
        || !ALLOWED.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace must be 1 to " + MAX_LENGTH
          + " letters, digits, '_', '.' or '-' but was \"" + namespace + "\"");
    }
    if (RESERVED.contains(namespace)) {
      throw new IllegalArgumentException("namespace \"" + namespace + "\" is reserved for the "
          + "HTTP cache; choose another (default \"cache\")");
    }
    return namespace;
  }
}
