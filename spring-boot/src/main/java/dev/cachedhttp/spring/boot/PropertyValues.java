package dev.cachedhttp.spring.boot;

import java.util.function.Consumer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Hands property values to the library's builders, turning a builder's refusal into a start-up
 * error that names the property and its value (Spring Boot reports it as "Invalid value ... for
 * configuration property ..."). Not instantiable.
 */
final class PropertyValues {
  private PropertyValues() {}

  /** Calls {@code setter} with {@code value} unless it is null. */
  static <T> void set(String property, T value, Consumer<? super T> setter) {
    if (value != null) {
      try {
        setter.accept(value);
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
        throw invalid(property, value, e.getMessage());
      }
    }
  }

  /** The start-up error for {@code property} holding {@code value}, for {@code reason}. */
  static InvalidConfigurationPropertyValueException invalid(String property, Object value,
      String reason) {
    return new InvalidConfigurationPropertyValueException(property, value, reason);
  }
}
