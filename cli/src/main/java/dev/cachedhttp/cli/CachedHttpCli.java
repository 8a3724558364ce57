package dev.cachedhttp.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cachedhttp} command: lists, shows, deletes, purges, counts and exports the entries
 * a cachedhttp {@code DynamoDbBackend} stored in a DynamoDB table, or a {@code SqliteBackend} in
 * a SQLite file ({@code --sqlite FILE}).
 *
 * <p>Exit status: 0 on success, {@value #EXIT_USAGE} for a usage error (unknown option, missing
 * argument), {@value #EXIT_FAILURE} for a failure (unreachable endpoint, missing table, a table
 * with another key schema, an entry not found). Errors are one line on standard error.
 */
@Command(name = "cachedhttp", mixinStandardHelpOptions = true, version = "cachedhttp 0.1.0",
    description = "Looks at and manages the entries of a cachedhttp cache: a DynamoDB table, "
        + "or a SQLite file with --sqlite FILE.",
    subcommands = {LsCommand.class, ShowCommand.class, RmCommand.class, PurgeCommand.class,
        StatsCommand.class, ExportCommand.class},
    footer = {"", "A URL argument is turned into the key the library would use for a GET of it; "
        + "--ignored-parameter, --match-header and --header must match the application's "
        + "ignoredParameters/matchHeaders settings and its request headers, or the key differs."})
public final class CachedHttpCli implements Runnable {
  /** Exit status of a usage error. */
  public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

  /** Exit status of a failure. */
  public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;

  private final Io io;

  private CachedHttpCli(Io io) {
    this.io = io;
  }

  /** Runs the command line and exits the JVM with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.in));
  }

  /**
   * Runs the command line with the given streams and returns its exit status; never calls
   * {@link System#exit}.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    Io io = new Io(out, err,
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    CommandLine line = new CommandLine(new CachedHttpCli(io));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    line.setParameterExceptionHandler((e, arguments) -> {
      err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see "
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return EXIT_USAGE;
    });
    line.setExecutionExceptionHandler((e, command, result) -> {
      err.println("cachedhttp: " + Failures.describe(e));
      return EXIT_FAILURE;
    });
    return line.execute(args);
  }

  /** The streams of this run. */
  Io io() {
    return io;
  }

  /** Without a command: prints the usage and fails with a usage status. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "a command is required: ls, show, rm, purge, stats or export");
  }
}
