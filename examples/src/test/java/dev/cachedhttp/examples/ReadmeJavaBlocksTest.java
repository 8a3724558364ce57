package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the README against the build, so that a snippet a user
 * copies compiles as written. A block is either a compilation unit (imports, then a class,
 * record or interface) or imports followed by statements, which are compiled as the body of a
 * method that may throw. Blocks that follow {@code <!-- snippet: NAME -->} are regions of an
 * example source file instead (checked by {@link ReadmeSnippetsTest}) and are left out here.
 * Each block compiles in a package of its own, so blocks may reuse names.
 */
class ReadmeJavaBlocksTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern BLOCK = Pattern.compile(
      "(<!-- snippet: [^>]*-->\\s*)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public (?:final |abstract )*(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE);
  private static final Pattern TYPE = Pattern.compile(
      "^(public |final |abstract )*(class|record|interface|enum) ", Pattern.MULTILINE);

  /** One java block: where it starts in the README and its text. */
  record Block(int line, String code) {
    String packageName() {
      return "readme.line" + line;
    }

    /** The file the block's public type must be in, or any name when it has none. */
    String fileName() {
      Matcher type = PUBLIC_TYPE.matcher(code);
      return type.find() ? type.group(1) + ".java" : "Snippet.java";
    }

    /** The block as a compilation unit of its own package. */
    String source() {
      List<String> lines = code.lines().toList();
      int body = 0;
      while (body < lines.size() && (lines.get(body).startsWith("import ")
          || lines.get(body).isBlank())) {
        body++;
      }
      String imports = String.join("\n", lines.subList(0, body));
      String rest = String.join("\n", lines.subList(body, lines.size()));
      // the package line and the imports keep their line count, so errors point at README lines
      if (TYPE.matcher(rest).find()) {
        return "package " + packageName() + "; " + imports + "\n" + rest + "\n";
      }
      return "package " + packageName() + "; " + imports + "\n"
          + "class Snippet { @SuppressWarnings(\"unused\") void run() throws Exception {"
          + rest + "\n}}\n";
    }
  }

  static List<Block> blocks() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher matcher = BLOCK.matcher(readme);
    List<Block> blocks = new ArrayList<>();
    while (matcher.find()) {
      if (matcher.group(1) == null) {
        int line = (int) readme.substring(0, matcher.start(2)).lines().count() + 1;
        blocks.add(new Block(line, matcher.group(2)));
      }
    }
    return blocks;
  }

  @Test
  void everyJavaBlockOfTheReadmeCompilesAgainstTheBuild(@TempDir Path dir) throws IOException {
    List<Block> blocks = blocks();
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(10);
    List<File> files = new ArrayList<>();
    for (Block block : blocks) {
      Path folder = Files.createDirectories(dir.resolve("src")
          .resolve(block.packageName().replace('.', File.separatorChar)));
      files.add(Files.writeString(folder.resolve(block.fileName()), block.source()).toFile());
    }

    List<String> errors = compile(files, Files.createDirectories(dir.resolve("classes")));

    assertThat(errors).as("README java blocks that do not compile (line numbers are the "
        + "README's, counted from each block's first line)").isEmpty();
  }

  private static List<String> compile(List<File> files, Path out) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics,
        Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-classpath", testClassPath(), "-d", out.toString(),
          "-proc:none", "-implicit:none", "-Xlint:none", "--release", "17");
      compiler.getTask(new StringWriter(), manager, diagnostics, options, null,
          manager.getJavaFileObjectsFromFiles(files)).call();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> "README block at line " + blockLine(d) + ", its line "
            + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .toList();
  }

  private static String blockLine(Diagnostic<? extends JavaFileObject> d) {
    String path = d.getSource() == null ? "?" : d.getSource().getName();
    Matcher line = Pattern.compile("line(\\d+)").matcher(path);
    return line.find() ? line.group(1) : path;
  }

  /** Surefire puts the test class path in a property (java.class.path is a manifest jar). */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire
        : System.getProperty("java.class.path");
  }
}
