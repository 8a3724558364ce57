package dev.cachedhttp.dynamodb.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts a JSON document to a native DynamoDB value (object to M, array to L, string to S,
 * number to N, boolean to BOOL, null to NUL) and back.
 *
 * <p>A document DynamoDB cannot hold faithfully is refused, so the caller stores the body as text
 * instead: invalid or trailing content, duplicate object keys, empty object keys, more than
 * {@value #MAX_DEPTH} nested objects/arrays, numbers with more than {@value #MAX_DIGITS}
 * significant digits or outside DynamoDB's range. Numbers come back in DynamoDB's normalised
 * form ({@code 1.50} as {@code 1.5}, {@code 1e2} as {@code 100}), equal in value, and object keys
 * sorted. Thread-safe.
 */
public final class JsonAttributes {
  /**
   * The deepest nesting of objects and arrays stored natively: DynamoDB allows 32 levels
   * counting the top-level {@code body} attribute itself, so a body may nest 31 containers.
   */
  public static final int MAX_DEPTH = 31;

  /** DynamoDB numbers keep at most 38 significant digits. */
  public static final int MAX_DIGITS = 38;

  private static final int MAX_EXPONENT = 125;
  private static final int MIN_EXPONENT = -130;
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonAttributes() {}

  /**
   * Parses {@code json} (UTF-8) into a native value, or returns empty when it is not a single
   * JSON document DynamoDB can hold faithfully.
   */
  public static Optional<AttributeValue> toAttribute(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Optional.empty();
      }
      AttributeValue value = read(parser, 0);
      if (parser.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (IOException | Unrepresentable e) {
      return Optional.empty();
    }
  }

  private static AttributeValue read(JsonParser parser, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readObject(parser, depth + 1);
      case START_ARRAY:
        return readArray(parser, depth + 1);
      case VALUE_STRING:
        return AttributeValue.fromS(parser.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return AttributeValue.fromN(dynamoNumber(parser.getText()));
      case VALUE_TRUE:
        return AttributeValue.fromBool(true);
      case VALUE_FALSE:
        return AttributeValue.fromBool(false);
      case VALUE_NULL:
        return AttributeValue.fromNul(true);
      default:
        throw new Unrepresentable();
    }
  }

  private static AttributeValue readObject(JsonParser parser, int depth) throws IOException {
    checkDepth(depth);
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (name.isEmpty()) {
        throw new Unrepresentable();
      }
      parser.nextToken();
      map.put(name, read(parser, depth));
    }
    return AttributeValue.fromM(map);
  }

  private static AttributeValue readArray(JsonParser parser, int depth) throws IOException {
    checkDepth(depth);
    List<AttributeValue> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(read(parser, depth));
    }
    return AttributeValue.fromL(list);
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new Unrepresentable();
    }
  }

  /** Returns the DynamoDB spelling of a JSON number, or throws when DynamoDB cannot hold it. */
  private static String dynamoNumber(String text) {
    BigDecimal value = new BigDecimal(text).stripTrailingZeros();
    if (value.signum() == 0) {
      return "0";
    }
    int exponent = value.precision() - value.scale() - 1;
    if (value.precision() > MAX_DIGITS || exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
      throw new Unrepresentable();
    }
    String plain = value.toPlainString();
    return plain.length() <= MAX_DIGITS + 2 ? plain : value.toString();
  }

  /**
   * Writes {@code value} back as compact UTF-8 JSON, object keys sorted, so that equal values
   * give equal bytes whatever order DynamoDB returns map entries in.
   *
   * @throws IllegalArgumentException when {@code value} holds a type JSON has no form for
   */
  public static byte[] toJson(AttributeValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write stored JSON body", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator generator, AttributeValue value) throws IOException {
    switch (value.type()) {
      case M:
        generator.writeStartObject();
        for (Map.Entry<String, AttributeValue> field : new TreeMap<>(value.m()).entrySet()) {
          generator.writeFieldName(field.getKey());
          write(generator, field.getValue());
        }
        generator.writeEndObject();
        break;
      case L:
        generator.writeStartArray();
        for (AttributeValue element : value.l()) {
          write(generator, element);
        }
        generator.writeEndArray();
        break;
      case S:
        generator.writeString(value.s());
        break;
      case N:
        writeNumber(generator, value.n());
        break;
      case BOOL:
        generator.writeBoolean(value.bool());
        break;
      case NUL:
        generator.writeNull();
        break;
      default:
        throw new IllegalArgumentException("a JSON body cannot contain a " + value.type()
            + " attribute");
    }
  }

  private static void writeNumber(JsonGenerator generator, String number) throws IOException {
    if (JSON_NUMBER.matcher(number).matches()) {
      generator.writeNumber(number);
    } else {
      generator.writeNumber(new BigDecimal(number));
    }
  }

  /** Thrown while parsing when the document cannot be held natively. */
  private static final class Unrepresentable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unrepresentable() {
      super(null, null, false, false);
    }
  }
}
