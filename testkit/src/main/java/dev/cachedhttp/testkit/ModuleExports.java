package dev.cachedhttp.testkit;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads which packages a jar's {@code module-info} exports, and to whom, whether the tests run on
 * the module path or on the class path. Thread-safe (stateless).
 */
public final class ModuleExports {
  private ModuleExports() {}

  /**
   * The exports of the module that holds {@code type}: each exported package mapped to the
   * modules it is exported to, sorted (an empty set for an export to everyone).
   *
   * @throws IllegalStateException when the class's jar or folder has no {@code module-info}
   * @throws UncheckedIOException when the descriptor cannot be read
   */
  public static Map<String, Set<String>> of(Class<?> type) {
    String classFile = type.getName().replace('.', '/') + ".class";
    String location = String.valueOf(type.getClassLoader().getResource(classFile));
    if (!location.endsWith(classFile)) {
      throw new IllegalStateException("cannot locate the class file of " + type.getName());
    }
    URL descriptor;
    try {
      descriptor = new URL(location.substring(0, location.length() - classFile.length())
          + "module-info.class");
    } catch (MalformedURLException e) {
      throw new IllegalStateException("no module-info next to " + location, e);
    }
    try (InputStream in = descriptor.openStream()) {
      Map<String, Set<String>> exports = new TreeMap<>();
      ModuleDescriptor.read(in).exports().forEach(export ->
          exports.put(export.source(), new TreeSet<>(export.targets())));
      return exports;
    } catch (FileNotFoundException e) {
      throw new IllegalStateException("no module-info next to " + location, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
