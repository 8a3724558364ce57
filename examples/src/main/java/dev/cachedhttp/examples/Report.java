package dev.cachedhttp.examples;

import java.util.List;

/**
 * A value worth caching: the result of a slow computation.
 *
 * @param id the report id
 * @param title the title
 * @param lines the report's lines
 */
public record Report(int id, String title, List<String> lines) {

  /** Computes report {@code id} (slowly, in a real application). */
  public static Report compute(int id) {
    return new Report(id, "Report " + id, List.of("total: " + id * 100, "status: ok"));
  }
}
