package dev.cachedhttp.cli;

import dev.cachedhttp.spi.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code purge}: deletes many entries in batches. */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = {"Deletes expired entries, a URL prefix, or everything.", "",
        "Deletes in batches of " + PurgeCommand.BATCH_SIZE + " with a progress line on "
        + "standard error; redirect aliases pointing to", "deleted responses go with them. "
        + "--all asks for confirmation unless --yes is given."})
final class PurgeCommand implements Callable<Integer> {
  /** Entries deleted per batch (DynamoDB's BatchWriteItem limit). */
  static final int BATCH_SIZE = 25;

  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Mode mode;

  @Option(names = "--yes", description = "Do not ask before --all.")
  private boolean yes;

  /** What to delete: exactly one of the options. */
  static final class Mode {
    @Option(names = "--expired", required = true,
        description = "Responses no longer fresh, and aliases past their eviction time.")
    boolean expired;

    @Option(names = "--url-prefix", paramLabel = "P", required = true,
        description = "Responses whose URL starts with P (not empty: use --all).")
    String urlPrefix;

    @Option(names = "--all", required = true, description = "Every entry of the cache.")
    boolean all;
  }

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (mode.urlPrefix != null && mode.urlPrefix.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--url-prefix '' matches every entry: "
          + "to delete everything say so with --all (and --yes)");
    }
    try (CacheTable cache = CacheTable.open(table)) {
      if (mode.all && !yes && !confirmed(cache)) {
        throw new CliException("purge --all aborted: nothing was deleted");
      }
      Instant now = cache.now();
      Set<String> deleted = new HashSet<>();
      int responses = delete(cache.responses(), cache.entries(CacheTable.RESPONSES)
          .filter(responseFilter(now)), deleted, "responses");
      int aliases = delete(cache.redirects(), cache.entries(CacheTable.REDIRECTS)
          .filter(a -> mode.all || deleted.contains(a.target()) || (mode.expired
              && a.isEvicted(now))), new HashSet<>(), "redirect aliases");
      root.io().out().printf(Locale.ROOT, "deleted %d responses and %d redirect aliases%n",
          responses, aliases);
    }
    return 0;
  }

  private Predicate<ItemSummary> responseFilter(Instant now) {
    if (mode.all) {
      return entry -> true;
    }
    if (mode.expired) {
      return entry -> entry.isExpired(now);
    }
    return entry -> entry.url() != null && entry.url().startsWith(mode.urlPrefix);
  }

  private boolean confirmed(CacheTable cache) throws IOException {
    PrintStream err = root.io().err();
    err.printf("Delete every entry of %s and %s in %s? Type 'yes' to confirm: ",
        cache.partitions(CacheTable.RESPONSES), cache.partitions(CacheTable.REDIRECTS),
        cache.location());
    err.flush();
    String answer = root.io().in().readLine();
    return answer != null && answer.strip().equalsIgnoreCase("yes");
  }

  private int delete(Storage<?> storage, Stream<ItemSummary> entries, Set<String> deleted,
      String what) {
    int count = 0;
    try (entries) {
      Iterator<ItemSummary> it = entries.iterator();
      List<String> batch = new ArrayList<>(BATCH_SIZE);
      while (it.hasNext()) {
        batch.add(it.next().key());
        if (batch.size() == BATCH_SIZE || !it.hasNext()) {
          storage.deleteAll(batch);
          deleted.addAll(batch);
          count += batch.size();
          root.io().err().printf(Locale.ROOT, "purge: %d %s deleted%n", count, what);
          batch.clear();
        }
      }
    }
    return count;
  }
}
