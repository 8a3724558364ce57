package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests of the key function over random requests: two requests share a key only when
 * an origin must treat them alike. What an origin must treat alike is decided here by a model of
 * RFC 3986 section 6.2.2 written independently of {@link CanonicalUrl}: each URL component is
 * read as a sequence of units (an unreserved character, whether literal or percent-encoded; any
 * other percent-encoded byte; any other literal character), query pairs in any order.
 */
class KeyPropertiesTest {
  private static final String ALPHABET = "aZ09-._~+ !$&'()*,;=:@/?%";
  private static final int REQUESTS = 3000;
  private final Keys keys = new Keys(IgnoredParameters.NONE, List.of(), null);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void randomUrlsShareAKeyOnlyWhenEquivalent(long seed) {
    Random random = new Random(seed);
    Map<String, String> modelByKey = new HashMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      HttpUrl url = HttpUrl.get("http://example.com/" + component(random) + "?"
          + component(random) + "=" + component(random) + "&" + component(random));
      String model = model(url);
      String key = keys.of(new Request.Builder().url(url).build()).orElseThrow();
      String earlier = modelByKey.putIfAbsent(key, model);
      assertThat(earlier == null ? model : earlier).as("key of %s", url).isEqualTo(model);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4, 5})
  void randomBodiesShareAKeyOnlyWhenTheirBytesOrTheirJsonAreEqual(long seed) {
    Random random = new Random(seed);
    Map<String, String> bodyByKey = new HashMap<>();
    List<String> types = List.of("application/json", "text/plain",
        "application/x-www-form-urlencoded");
    for (int i = 0; i < REQUESTS; i++) {
      byte[] body = new byte[random.nextInt(4)];
      for (int j = 0; j < body.length; j++) {
        body[j] = (byte) "{}[]\"a1e9 ,:=&%F+\u00ff".charAt(random.nextInt(17));
      }
      String type = types.get(random.nextInt(types.size()));
      Request request = new Request.Builder().url("http://example.com/")
          .post(RequestBody.create(body, MediaType.get(type))).build();
      String key = keys.of(request).orElseThrow();
      String identity = type + " " + java.util.HexFormat.of().formatHex(body);
      String earlier = bodyByKey.putIfAbsent(key, identity);
      if (earlier != null && !earlier.equals(identity)) {
        assertThat(sameJson(earlier, identity) || sameForm(earlier, identity))
            .as("%s and %s share a key", earlier, identity).isTrue();
      }
    }
  }

  private static String component(Random random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(4);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(3) == 0) {
        out.append('%').append(String.format("%02X", random.nextInt(256)));
      } else {
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        out.append(c == '%' || c == '?' || c == '&' || c == '=' || c == '/' ? "%25" : c);
      }
    }
    return out.toString();
  }

  /** The model: path units, then the sorted multiset of query pair units. */
  private static String model(HttpUrl url) {
    StringBuilder out = new StringBuilder();
    for (String segment : url.encodedPathSegments()) {
      out.append('/').append(units(segment));
    }
    return out.append('?').append(pairs(url.encodedQuery())).toString();
  }

  /** The sorted units of the pairs of an encoded query or form. */
  private static List<String> pairs(String query) {
    List<String> pairs = new ArrayList<>();
    if (query != null) {
      for (String part : query.split("&", -1)) {
        if (!part.isEmpty()) {
          int eq = part.indexOf('=');
          pairs.add(eq < 0 ? units(part) + "|novalue"
              : units(part.substring(0, eq)) + "=" + units(part.substring(eq + 1)));
        }
      }
    }
    pairs.sort(null);
    return pairs;
  }

  private static String units(String encoded) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && isHex(encoded, i + 1) && isHex(encoded, i + 2)) {
        int b = Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
        out.append(unreserved(b) ? "[" + (char) b + "]" : "[%" + b + "]");
        i += 2;
      } else {
        out.append(unreserved(c) ? "[" + c + "]" : "[" + c + "!]");
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && "0123456789abcdefABCDEF".indexOf(s.charAt(i)) >= 0;
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static boolean sameJson(String one, String other) {
    return one.startsWith("application/json ") && other.startsWith("application/json ")
        && json(one) != null && json(one).equals(json(other));
  }

  private static Object json(String identity) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(bytes(identity));
    } catch (Exception notJson) {
      return null;
    }
  }

  /**
   * Form bodies are equal when the pairs {@code application/x-www-form-urlencoded} decodes from
   * them ({@code +} a space, {@code %XX} a byte) are, ordered by name with duplicates of a name
   * in their order.
   */
  private static boolean sameForm(String one, String other) {
    String form = "application/x-www-form-urlencoded ";
    if (!one.startsWith(form) || !other.startsWith(form)) {
      return false;
    }
    return formPairs(bytes(one)).equals(formPairs(bytes(other)));
  }

  private static List<String> formPairs(byte[] body) {
    List<String> pairs = new ArrayList<>();
    for (String part : new String(body, StandardCharsets.ISO_8859_1).split("&", -1)) {
      if (!part.isEmpty()) {
        int eq = part.indexOf('=');
        pairs.add(eq < 0 ? formDecode(part) + "|novalue"
            : formDecode(part.substring(0, eq)) + "|=" + formDecode(part.substring(eq + 1)));
      }
    }
    pairs.sort(java.util.Comparator.comparing(pair -> pair.substring(0, pair.indexOf('|'))));
    return pairs;
  }

  private static String formDecode(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c == '+' ? ' ' : c);
      }
    }
    return out.toString();
  }

  private static byte[] bytes(String identity) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] hex = java.util.HexFormat.of().parseHex(identity.substring(identity.indexOf(' ') + 1));
    out.write(hex, 0, hex.length);
    return out.toByteArray();
  }
}
