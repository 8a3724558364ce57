package dev.cachedhttp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keeps the README's code snippets true: each block after {@code <!-- snippet: NAME -->} in the
 * README must be the region between {@code // snippet: NAME} and {@code // end snippet} of an
 * example source file, which compiles and whose behaviour the example tests check.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "cachedhttp",
      "examples");

  @ParameterizedTest
  @CsvSource({"value-cache, ValueCacheExample.java", "spring-config, CachingConfig.java",
      "why-not-cached, WhyNotCached.java",
      "spring-service, ReportService.java", "spring-cache-info, spring/SpringExample.java"})
  void theReadmeSnippetIsTheExampleCode(String name, String file) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("<!-- snippet: " + Pattern.quote(name)
        + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README block for snippet " + name).isTrue();

    String source = Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8);
    Matcher region = Pattern.compile("// snippet: " + Pattern.quote(name)
        + "\\n(.*?)\\n\\s*// end snippet", Pattern.DOTALL).matcher(source);
    assertThat(region.find()).as("source region for snippet " + name).isTrue();

    assertThat(dedent(block.group(1))).isEqualTo(dedent(region.group(1)));
  }

  /** The lines without trailing blanks and without their common indentation. */
  private static List<String> dedent(String text) {
    List<String> lines = Arrays.stream(text.split("\n", -1)).map(String::stripTrailing)
        .dropWhile(String::isEmpty).toList();
    int last = lines.size();
    while (last > 0 && lines.get(last - 1).isEmpty()) {
      last--;
    }
    lines = lines.subList(0, last);
    int indent = lines.stream().filter(l -> !l.isEmpty())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
  }
}
