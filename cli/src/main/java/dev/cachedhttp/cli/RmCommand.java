package dev.cachedhttp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rm}: deletes entries and the redirect aliases pointing to them. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = {"Deletes entries and the redirect aliases pointing to them.", "",
        "An alias argument deletes the response it points to. Exit status 1 when an argument",
        "matched nothing (the others are still deleted)."})
final class RmCommand implements Callable<Integer> {
  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @Parameters(paramLabel = "KEY-or-URL", arity = "1..*", description = "Keys or URLs.")
  private List<String> targets;

  @Override
  public Integer call() {
    int status = 0;
    try (CacheTable cache = CacheTable.open(table)) {
      for (String target : targets) {
        String key = cache.keyOf(target);
        Optional<String> aliasOf = cache.redirects().get(key);
        String responseKey = aliasOf.orElse(key);
        boolean deleted = cache.responses().delete(responseKey);
        List<String> aliases = new ArrayList<>(cache.aliasesOf(Set.of(responseKey)));
        if (aliasOf.isPresent() && !aliases.contains(key)) {
          aliases.add(key);
        }
        int aliasCount = aliases.isEmpty() ? 0 : cache.redirects().deleteAll(aliases);
        if (!deleted && aliasCount == 0) {
          root.io().err().println("cachedhttp: no entry for " + target
              + (key.equals(target) ? "" : " (key " + key + ")"));
          status = CachedHttpCli.EXIT_FAILURE;
        } else {
          root.io().out().println("deleted " + (deleted ? responseKey : "no response")
              + " and " + aliasCount + " redirect alias" + (aliasCount == 1 ? "" : "es"));
        }
      }
    }
    return status;
  }
}
