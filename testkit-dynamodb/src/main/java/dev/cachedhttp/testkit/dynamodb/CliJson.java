package dev.cachedhttp.testkit.dynamodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Renders DynamoDB items the way {@code aws dynamodb query --output json} prints them: every
 * value wrapped in its type ({@code {"S": "..."}}, {@code {"N": "200"}}, {@code {"M": {...}}},
 * binaries base64-encoded). Lets a program or a test show what a person would see with the AWS
 * CLI without needing the CLI. Thread-safe.
 */
public final class CliJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private CliJson() {}

  /** Renders a query result: {@code {"Items": [...], "Count": n, "ScannedCount": n}}, indented. */
  public static String queryOutput(List<Map<String, AttributeValue>> items) {
    return render(generator -> {
      generator.writeStartObject();
      generator.writeFieldName("Items");
      generator.writeStartArray();
      for (Map<String, AttributeValue> item : items) {
        writeItem(generator, item);
      }
      generator.writeEndArray();
      generator.writeNumberField("Count", items.size());
      generator.writeNumberField("ScannedCount", items.size());
      generator.writeEndObject();
    });
  }

  /** Renders one item as a JSON object of typed values, indented. */
  public static String item(Map<String, AttributeValue> item) {
    return render(generator -> writeItem(generator, item));
  }

  /** Renders one attribute value on one line, e.g. {@code {"N":"200"}}. */
  public static String value(AttributeValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private interface Writer {
    void write(JsonGenerator generator) throws IOException;
  }

  private static String render(Writer writer) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeItem(JsonGenerator generator, Map<String, AttributeValue> item)
      throws IOException {
    generator.writeStartObject();
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      generator.writeFieldName(attribute.getKey());
      writeValue(generator, attribute.getValue());
    }
    generator.writeEndObject();
  }

  private static void writeValue(JsonGenerator generator, AttributeValue value)
      throws IOException {
    generator.writeStartObject();
    switch (value.type()) {
      case S -> generator.writeStringField("S", value.s());
      case N -> generator.writeStringField("N", value.n());
      case B -> generator.writeStringField("B", base64(value.b()));
      case BOOL -> generator.writeBooleanField("BOOL", value.bool());
      case NUL -> generator.writeBooleanField("NULL", true);
      case M -> {
        generator.writeFieldName("M");
        writeItem(generator, value.m());
      }
      case L -> {
        generator.writeArrayFieldStart("L");
        for (AttributeValue element : value.l()) {
          writeValue(generator, element);
        }
        generator.writeEndArray();
      }
      case SS -> writeStrings(generator, "SS", value.ss());
      case NS -> writeStrings(generator, "NS", value.ns());
      case BS -> writeStrings(generator, "BS", value.bs().stream().map(CliJson::base64).toList());
      default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
    }
    generator.writeEndObject();
  }

  private static void writeStrings(JsonGenerator generator, String type, List<String> values)
      throws IOException {
    generator.writeArrayFieldStart(type);
    for (String v : values) {
      generator.writeString(v);
    }
    generator.writeEndArray();
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }
}
