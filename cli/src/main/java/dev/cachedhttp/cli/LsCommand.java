package dev.cachedhttp.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ls}: one line per entry. */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = {"Lists entries, one line each.", "",
        "Each line: key, status and state (fresh, stale, evicted), URL (redirect aliases:",
        "their target), created, expires, item size. Reads the namespaces by Query, page by",
        "page."})
final class LsCommand implements Callable<Integer> {
  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @Option(names = "--namespace", paramLabel = "N",
      description = "Only this namespace: responses, redirects, or a value cache's "
          + "(default: responses, then redirects).")
  private String namespace;

  @Option(names = "--url-prefix", paramLabel = "P",
      description = "Only responses whose URL starts with P.")
  private String urlPrefix;

  @Option(names = "--expired", description = "Only entries that are no longer fresh.")
  private boolean expired;

  @Option(names = "--limit", paramLabel = "N", description = "At most N entries.")
  private long limit = Long.MAX_VALUE;

  @Option(names = "--json", description = "One JSON object per line.")
  private boolean json;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new CliException("--limit must be at least 1 but was " + limit);
    }
    List<String> namespaces = namespace == null
        ? List.of(CacheTable.RESPONSES, CacheTable.REDIRECTS) : List.of(namespace);
    try (CacheTable cache = CacheTable.open(table)) {
      Instant now = cache.now();
      Stream<ItemSummary> entries = namespaces.stream()
          .flatMap(cache::entries)
          .filter(e -> urlPrefix == null || (e.url() != null && e.url().startsWith(urlPrefix)))
          .filter(e -> !expired || e.isExpired(now))
          .limit(limit);
      long[] printed = {0};
      entries.forEach(e -> {
        root.io().out().println(json ? e.json(now).toString() : e.line(now));
        printed[0]++;
      });
      if (printed[0] == 0 && urlPrefix == null && !expired) {
        root.io().err().println(EmptyNamespaceHint.of(cache, namespaces));
      }
    }
    return 0;
  }
}
