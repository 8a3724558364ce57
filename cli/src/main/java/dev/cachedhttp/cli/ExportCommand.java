package dev.cachedhttp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code export}: every entry of a namespace as JSON lines. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes every entry of a namespace as JSON lines.", "",
        "Responses as the library decodes them (headers, request, history, body as text or",
        "body_base64), redirect aliases as key and target."})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand
  private CachedHttpCli root;

  @Mixin
  private TableOptions table;

  @Parameters(paramLabel = "FILE", description = "Where to write; - for standard output.")
  private String file;

  @Option(names = "--namespace", paramLabel = "N",
      description = "responses or redirects (default: ${DEFAULT-VALUE}).")
  private String namespace = CacheTable.RESPONSES;

  @Override
  public Integer call() throws IOException {
    if (!namespace.equals(CacheTable.RESPONSES) && !namespace.equals(CacheTable.REDIRECTS)) {
      throw new CliException("export reads the responses or redirects namespace, not '"
          + namespace + "'");
    }
    long count = 0;
    String read;
    try (CacheTable cache = CacheTable.open(table);
        OutputStream stream = file.equals("-") ? null : Files.newOutputStream(Path.of(file));
        Stream<ItemSummary> entries = cache.entries(namespace)) {
      PrintStream out = stream == null ? root.io().out()
          : new PrintStream(stream, false, StandardCharsets.UTF_8);
      for (ItemSummary entry : (Iterable<ItemSummary>) entries::iterator) {
        String line = line(cache, entry);
        if (line != null) {
          out.println(line);
          count++;
        }
      }
      out.flush();
      read = String.join(", ", cache.partitions(namespace)) + " of " + cache.location();
    }
    root.io().err().println("exported " + count + " entries of " + read
        + (file.equals("-") ? "" : " to " + file));
    return 0;
  }

  private String line(CacheTable cache, ItemSummary entry) {
    if (namespace.equals(CacheTable.REDIRECTS)) {
      return entry.json(cache.now()).toString();
    }
    return cache.responses().get(entry.key())
        .map(response -> ResponseJson.of(entry.key(), response).toString()).orElse(null);
  }
}
