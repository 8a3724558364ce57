package dev.cachedhttp.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The normal form of the weighted lists of {@code Accept-Charset}, {@code Accept-Encoding} and
 * {@code Accept-Language} (RFC 9110 sections 12.4.2, 12.5.2 to 12.5.4), for {@code Vary}
 * matching (RFC 9111 section 4.1 allows "normalizing both header field values in a way that is
 * known to have identical semantics"). Each member is a case-insensitive token (a charset, a
 * content coding, a language range) with at most a {@code q} weight; the weight alone says how
 * much a member is preferred, so the order of the members does not count. The normal form is the
 * members lower-cased, without whitespace, with weights written the short way ({@code q=1} and
 * no weight are the same, {@code q=0.50} is {@code q=0.5}), sorted by weight (highest first),
 * then by name. A value this class cannot read (another parameter, a malformed weight) has no
 * normal form and is compared as written. Pure; thread-safe.
 */
final class WeightedLists {
  /** The lower-case names of the request headers whose values are weighted lists. */
  static final Set<String> HEADERS = Set.of("accept-charset", "accept-encoding",
      "accept-language");

  private static final int FULL_WEIGHT = 1000;
  private static final Comparator<Member> ORDER = Comparator
      .comparingInt((Member member) -> -member.weight())
      .thenComparing(Member::name);

  private record Member(String name, int weight) {
    String written() {
      if (weight == FULL_WEIGHT) {
        return name;
      }
      String thousandths = String.format(Locale.ROOT, "%03d", weight).replaceAll("0+$", "");
      return name + ";q=0" + (thousandths.isEmpty() ? "" : "." + thousandths);
    }
  }

  private WeightedLists() {}

  /**
   * The normal form of the list made of {@code members} (the comma-separated members of every
   * line of the field), or empty when one of them is not a token with at most a valid weight.
   */
  static Optional<String> normalised(List<String> members) {
    List<Member> parsed = new ArrayList<>();
    for (String member : members) {
      String compact = member.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
      if (compact.isEmpty()) {
        continue;
      }
      Member read = member(compact);
      if (read == null) {
        return Optional.empty();
      }
      parsed.add(read);
    }
    parsed.sort(ORDER);
    List<String> written = new ArrayList<>();
    for (Member member : parsed) {
      written.add(member.written());
    }
    return Optional.of(String.join(",", written));
  }

  /** {@code compact} (lower case, no whitespace) read as a member, or null. */
  private static Member member(String compact) {
    int semicolon = compact.indexOf(';');
    String name = semicolon < 0 ? compact : compact.substring(0, semicolon);
    if (name.isEmpty()) {
      return null;
    }
    if (semicolon < 0) {
      return new Member(name, FULL_WEIGHT);
    }
    String parameter = compact.substring(semicolon + 1);
    if (!parameter.startsWith("q=")) {
      return null;
    }
    int weight = weight(parameter.substring(2));
    return weight < 0 ? null : new Member(name, weight);
  }

  /**
   * The weight {@code qvalue} spells in thousandths, or -1 when it is not a qvalue (RFC 9110
   * section 12.4.2: {@code 0} with up to three decimals, or {@code 1} with up to three zeros).
   */
  private static int weight(String qvalue) {
    if (!qvalue.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
      return -1;
    }
    if (qvalue.startsWith("1")) {
      return FULL_WEIGHT;
    }
    String decimals = qvalue.length() > 2 ? qvalue.substring(2) : "";
    return decimals.isEmpty() ? 0 : Integer.parseInt((decimals + "00").substring(0, 3));
  }
}
