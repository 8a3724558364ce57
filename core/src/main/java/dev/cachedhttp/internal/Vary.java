package dev.cachedhttp.internal;

import dev.cachedhttp.spi.CachedResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * {@code Vary} matching (RFC 9111 section 4.1): which request headers a stored response was
 * selected by, whether a new request presents the same values, and the parts of a variant key.
 * Names compare ignoring case; values compare after whitespace normalisation (and ignoring case
 * for the {@code Accept*} headers, whose values are case-insensitive); the weighted lists of
 * {@code Accept-Charset}, {@code Accept-Encoding} and {@code Accept-Language} compare in their
 * {@link WeightedLists normal form}, where the order of members of equal weight does not count. Credential headers and
 * ignored headers are not compared: the primary key already separates credentials, and ignored
 * headers are ignored by the user's choice. Immutable and thread-safe.
 */
final class Vary {
  private static final Set<String> CASE_INSENSITIVE_VALUES =
      Set.of("accept", "accept-charset", "accept-encoding", "accept-language");
  private static final String ABSENT = "\u0000absent";

  private final IgnoredParameters ignored;

  /** Creates a matcher that skips {@code ignored} headers. */
  public Vary(IgnoredParameters ignored) {
    this.ignored = ignored;
  }

  /** True when {@code headers} contain {@code Vary: *}, which no request ever matches. */
  public static boolean isStar(Headers headers) {
    return names(headers).contains("*");
  }

  /** The lower-case, sorted, distinct field names listed in the {@code Vary} lines. */
  public static List<String> names(Headers headers) {
    Set<String> names = new TreeSet<>();
    for (String line : headers.values("Vary")) {
      for (String name : line.split(",")) {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty()) {
          names.add(trimmed);
        }
      }
    }
    return List.copyOf(names);
  }

  /** True when {@code cached} varies on request headers. */
  public static boolean varies(CachedResponse cached) {
    return StoredFacts.of(cached).varies();
  }

  /** True when {@code request} presents the header values {@code cached} was selected by. */
  public boolean matches(CachedResponse cached, Request request) {
    List<String> names = names(cached.headers());
    if (names.contains("*")) {
      return false;
    }
    Headers stored = cached.request().headers();
    for (String name : compared(names)) {
      if (!normalised(name, stored.values(name)).equals(normalised(name, request.headers(name)))) {
        return false;
      }
    }
    return true;
  }

  /** The parts of the variant key of {@code request} for a response varying on {@code names}. */
  public List<String> keyParts(List<String> names, Request request) {
    List<String> parts = new ArrayList<>();
    for (String name : compared(names)) {
      parts.add(name);
      parts.add(normalised(name, request.headers(name)));
    }
    return parts;
  }

  /** The variant generation of {@code cached}, or null when it has none. */
  public static String generation(CachedResponse cached) {
    return cached.variantGeneration().orElse(null);
  }

  /** Returns {@code cached} marked as belonging to variant generation {@code generation}. */
  public static CachedResponse withGeneration(CachedResponse cached, String generation) {
    return cached.toBuilder().variantGeneration(generation).build();
  }

  private List<String> compared(List<String> names) {
    List<String> compared = new ArrayList<>();
    for (String name : names) {
      boolean credential = Keys.CREDENTIAL_HEADERS.stream().anyMatch(name::equalsIgnoreCase);
      if (!credential && !ignored.isIgnoredHeader(name)) {
        compared.add(name);
      }
    }
    return compared;
  }

  private static String normalised(String name, List<String> values) {
    if (values.isEmpty()) {
      return ABSENT;
    }
    List<String> members = new ArrayList<>();
    for (String value : values) {
      for (String member : value.split(",")) {
        members.add(member.trim().replaceAll("\\s+", " "));
      }
    }
    if (WeightedLists.HEADERS.contains(name)) {
      Optional<String> weighted = WeightedLists.normalised(members);
      if (weighted.isPresent()) {
        return weighted.get();
      }
    }
    String joined = String.join(",", members);
    return CASE_INSENSITIVE_VALUES.contains(name) ? joined.toLowerCase(Locale.ROOT) : joined;
  }
}
