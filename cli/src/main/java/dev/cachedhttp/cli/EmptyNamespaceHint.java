package dev.cachedhttp.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What to tell a user whose {@code ls} found nothing: which namespaces the table holds instead,
 * and the {@code --cache-name} that would select them (an application with a {@code cacheName}
 * stores under {@code NAME:responses}).
 */
final class EmptyNamespaceHint {
  /** Items a hint reads at most (one bounded Scan of the partition key only). */
  static final int SAMPLE = 1_000;

  private EmptyNamespaceHint() {}

  /** The one-line hint for {@code namespaces} of {@code cache} being empty. */
  static String of(CacheTable cache, List<String> namespaces) {
    String empty = "cachedhttp: no entries in " + namespaces.stream()
        .flatMap(n -> cache.partitions(n).stream()).collect(Collectors.joining(", "))
        + " of " + cache.location();
    Map<String, Long> found = cache.sampleNamespaces(SAMPLE);
    if (found.isEmpty()) {
      return empty + "; the table is empty";
    }
    String held = found.entrySet().stream()
        .map(e -> Terminal.escape(e.getKey()) + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    List<String> names = found.keySet().stream().filter(n -> n.indexOf(':') > 0)
        .map(n -> n.substring(0, n.indexOf(':'))).distinct().map(Terminal::escape).toList();
    String suggestion = names.isEmpty() ? ""
        : "; pass " + names.stream().map(n -> "--cache-name " + n)
            .collect(Collectors.joining(" or ")) + " to read an application's namespaces";
    return empty + "; the table holds " + held + (found.values().stream()
        .mapToLong(Long::longValue).sum() >= SAMPLE ? " among its first " + SAMPLE + " items"
        : "") + suggestion;
  }
}
