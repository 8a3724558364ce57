package dev.cachedhttp.internal;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names left out of cache keys and redacted from everything stored: query parameters, form
 * and JSON body fields (matched exactly) and header names (matched ignoring case). Immutable.
 */
public final class IgnoredParameters {
  /** No ignored parameters. */
  public static final IgnoredParameters NONE = new IgnoredParameters(Set.of());

  private final Set<String> names;
  private final Set<String> lowerCaseNames;

  /** Creates the set from {@code names}. */
  public IgnoredParameters(Set<String> names) {
    this.names = Set.copyOf(names);
    this.lowerCaseNames = names.stream().map(n -> n.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** True for a query parameter or body field name that is ignored. */
  public boolean isIgnoredParameter(String name) {
    return names.contains(name);
  }

  /** True for a header name that is ignored. */
  public boolean isIgnoredHeader(String name) {
    return lowerCaseNames.contains(name.toLowerCase(Locale.ROOT));
  }

  /** True when nothing is ignored. */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  /** The ignored names as configured. */
  public Set<String> names() {
    return names;
  }
}
