package dev.cachedhttp.cli;

import dev.cachedhttp.spi.Backend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rm}: deletes entries and the redirect aliases pointing to them. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = {"Deletes entries and the redirect aliases pointing to them.", "",
        "An argument is resolved as lookups resolve it: its own response first, else the",
        "response its redirect alias points to. Exit status 1 when an argument matched",
        "nothing (the others are still deleted)."})
final class RmCommand implements Callable<Integer> {
  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @Parameters(paramLabel = "KEY-or-URL", arity = "1..*", description = "Keys or URLs.")
  private List<String> targets;

  /** What one argument resolved to and what of it was deleted so far. */
  private record Removal(String target, String key, String responseKey, boolean response,
      boolean ownAlias) {}

  @Override
  public Integer call() {
    try (CacheTable cache = CacheTable.open(table)) {
      List<Removal> removals = new ArrayList<>();
      Set<String> deletedResponses = new HashSet<>();
      for (String target : targets) {
        String key = cache.keyOf(target);
        // direct entry first, then the alias: the order the library's lookups use
        String responseKey = cache.lookup(key).map(Backend.Lookup::key).orElse(key);
        boolean response = cache.responses().delete(responseKey);
        boolean ownAlias = cache.redirects().delete(key);
        if (response) {
          deletedResponses.add(responseKey);
        }
        removals.add(new Removal(target, key, responseKey, response, ownAlias));
      }
      Map<String, List<String>> aliases = cache.aliasesOf(deletedResponses);
      List<String> pointing = aliases.values().stream().flatMap(List::stream).distinct()
          .toList();
      if (!pointing.isEmpty()) {
        cache.redirects().deleteAll(pointing);
      }
      return report(removals, aliases);
    }
  }

  private int report(List<Removal> removals, Map<String, List<String>> aliases) {
    int status = 0;
    for (Removal removal : removals) {
      Set<String> gone = new HashSet<>(aliases.getOrDefault(removal.responseKey(), List.of()));
      if (removal.ownAlias()) {
        gone.add(removal.key());
      }
      int count = gone.size();
      if (!removal.response() && count == 0) {
        root.io().err().println("cachedhttp: no entry for " + removal.target()
            + (removal.key().equals(removal.target()) ? "" : " (key " + removal.key() + ")"));
        status = CachedHttpCli.EXIT_FAILURE;
      } else {
        root.io().out().println("deleted "
            + (removal.response() ? removal.responseKey() : "no response") + " and " + count
            + " redirect alias" + (count == 1 ? "" : "es"));
      }
    }
    return status;
  }
}
