package dev.cachedhttp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import okio.ByteString;

/** How {@code show --body} prints a body: JSON pretty-printed, text as is, binary as hex. */
final class BodyView {
  /** Bytes of a binary body shown in hex. */
  static final int HEX_BYTES = 64;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BodyView() {}

  /** The printable form of {@code body}. */
  static String render(ByteString body) {
    if (body.size() == 0) {
      return "(empty body)";
    }
    Optional<String> text = ResponseJson.text(body);
    if (text.isEmpty()) {
      return hex(body);
    }
    String trimmed = text.get().strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode json = MAPPER.readTree(trimmed);
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
      } catch (JsonProcessingException e) {
        return text.get();
      }
    }
    return text.get();
  }

  /** A hex summary: size, SHA-256, and the first {@value #HEX_BYTES} bytes 16 to a line. */
  static String hex(ByteString body) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "(binary, %d bytes, sha256 %s)", body.size(), body.sha256().hex()));
    int shown = Math.min(HEX_BYTES, body.size());
    for (int offset = 0; offset < shown; offset += 16) {
      out.append(String.format(Locale.ROOT, "%n%08x ", offset));
      for (int i = offset; i < Math.min(offset + 16, shown); i++) {
        out.append(String.format(Locale.ROOT, " %02x", body.getByte(i) & 0xff));
      }
    }
    if (shown < body.size()) {
      out.append(String.format(Locale.ROOT, "%n... %d more bytes", body.size() - shown));
    }
    return out.toString();
  }
}
