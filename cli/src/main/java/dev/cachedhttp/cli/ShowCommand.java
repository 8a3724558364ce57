package dev.cachedhttp.cli;

import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spi.CachedResponse;
import dev.cachedhttp.spi.RedirectHop;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code show}: one stored response, as the library decodes it. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Shows one stored response.", "",
        "Status line, headers, metadata and (with --body) the body: JSON pretty-printed, text",
        "as is, binary as a hex summary. A redirect alias shows the response it points to."})
final class ShowCommand implements Callable<Integer> {
  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @Parameters(paramLabel = "KEY-or-URL", description = "A cache key, or a URL (see --help of "
      + "cachedhttp for how it becomes a key).")
  private String target;

  @Option(names = "--body", description = "Print the body too.")
  private boolean body;

  @Override
  public Integer call() {
    try (CacheTable cache = CacheTable.open(table)) {
      String key = cache.keyOf(target);
      Backend.Lookup found = cache.lookup(key).orElseThrow(() -> new CliException(
          "no entry for " + target + (key.equals(target) ? "" : " (key " + key + ")") + " in "
              + cache.location()));
      print(root.io().out(), key, found, cache.now());
    }
    return 0;
  }

  private void print(PrintStream out, String key, Backend.Lookup found, Instant now) {
    CachedResponse response = found.response();
    out.println("key:        " + safe(found.key())
        + (found.key().equals(key) ? "" : "  (via redirect alias " + safe(key) + ")"));
    out.println("url:        " + safe(response.method()) + " " + safe(response.url()));
    out.println("created:    " + ItemSummary.time(response.createdAt()));
    out.println("expires:    " + response.expires().map(ItemSummary::time).orElse("never")
        + (response.isExpired(now) ? "  (expired)" : "  (fresh)"));
    for (RedirectHop hop : response.history()) {
      out.println("redirected: " + hop.status() + " from " + safe(hop.url()));
    }
    out.println("request:    " + safe(response.request().method()) + " "
        + safe(response.request().url()));
    response.request().headers().forEach(h -> out.println("  " + safe(h.getFirst()) + ": "
        + safe(h.getSecond())));
    out.println();
    out.println(safe(response.protocol().toUpperCase(Locale.ROOT)) + " " + response.status()
        + " " + safe(response.message()));
    response.headers().forEach(h -> out.println(safe(h.getFirst()) + ": "
        + safe(h.getSecond())));
    out.println();
    if (body) {
      out.println(Terminal.escapeKeepingLines(BodyView.render(response.body())));
    } else {
      out.println("(body: " + response.body().size() + " bytes; --body prints it)");
    }
  }

  private static String safe(String fromTable) {
    return Terminal.escape(fromTable);
  }
}
