package dev.cachedhttp.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code stats}: what the cache holds, per namespace. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Counts entries and bytes per namespace.", "",
        "Per namespace: entries, bytes, entries no longer fresh, entries past their TTL that",
        "DynamoDB has not removed yet, oldest and newest entry. Queries responses and",
        "redirects (and each --namespace); --scan reads the whole table and reports every",
        "namespace found."})
final class StatsCommand implements Callable<Integer> {
  private static final String FORMAT = "%-28s %8s %12s %8s %8s  %-20s  %-20s%n";

  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @Option(names = "--namespace", paramLabel = "N",
      description = "Also this namespace, e.g. a value cache's (repeatable).")
  private List<String> namespaces = new ArrayList<>();

  @Option(names = "--scan", description = "Scan the whole table (reads every item).")
  private boolean scan;

  @Option(names = "--json", description = "One JSON object per namespace.")
  private boolean json;

  @Override
  public Integer call() {
    Map<String, Totals> totals = new LinkedHashMap<>();
    try (CacheTable cache = CacheTable.open(table)) {
      Instant now = cache.now();
      if (scan) {
        try (Stream<ItemSummary> items = cache.scan()) {
          items.forEach(e ->
              totals.computeIfAbsent(e.namespace(), n -> new Totals()).add(e, now));
        }
      } else {
        List<String> all = new ArrayList<>(List.of(CacheTable.RESPONSES, CacheTable.REDIRECTS));
        all.addAll(namespaces);
        for (String namespace : all) {
          Totals t = totals.computeIfAbsent(String.join(",", cache.partitions(namespace)),
              n -> new Totals());
          try (Stream<ItemSummary> items = cache.entries(namespace)) {
            items.forEach(e -> t.add(e, now));
          }
        }
      }
    }
    print(root.io().out(), totals);
    return 0;
  }

  private void print(PrintStream out, Map<String, Totals> totals) {
    if (!json) {
      out.printf(Locale.ROOT, FORMAT, "NAMESPACE", "ENTRIES", "BYTES", "EXPIRED", "PAST-TTL",
          "OLDEST", "NEWEST");
    }
    totals.forEach((namespace, t) -> {
      if (json) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("namespace", namespace)
            .put("entries", t.entries).put("bytes", t.bytes).put("expired", t.expired)
            .put("past_ttl", t.pastTtl);
        node.put("oldest", t.oldest == null ? null : t.oldest.toString());
        node.put("newest", t.newest == null ? null : t.newest.toString());
        out.println(node);
      } else {
        out.printf(Locale.ROOT, FORMAT, namespace, t.entries, t.bytes, t.expired, t.pastTtl,
            ItemSummary.time(t.oldest), ItemSummary.time(t.newest));
      }
    });
  }

  /** Running totals of one namespace. */
  private static final class Totals {
    long entries;
    long bytes;
    long expired;
    long pastTtl;
    Instant oldest;
    Instant newest;

    void add(ItemSummary entry, Instant now) {
      entries++;
      bytes += entry.size();
      expired += entry.isExpired(now) ? 1 : 0;
      pastTtl += entry.isPastTtl(now) ? 1 : 0;
      Instant created = entry.createdAt();
      if (created != null) {
        oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
        newest = newest == null || created.isAfter(newest) ? created : newest;
      }
    }
  }
}
