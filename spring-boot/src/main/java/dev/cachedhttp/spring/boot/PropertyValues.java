package dev.cachedhttp.spring.boot;

import java.util.function.Consumer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Hands property values to the library's builders, turning a builder's refusal into a start-up
 * error that names the property and its value as written (Spring Boot reports it as "Invalid
 * value ... for configuration property ..."). Thread-safe.
 */
final class PropertyValues {
  private final Environment environment;

  /** Values whose text as written is looked up in {@code environment}. */
  PropertyValues(Environment environment) {
    this.environment = environment;
  }

  /** Calls {@code setter} with {@code value} unless it is null. */
  <T> void set(String property, T value, Consumer<? super T> setter) {
    if (value != null) {
      try {
        setter.accept(value);
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
        throw invalid(property, value, e.getMessage());
      }
    }
  }

  /**
   * The start-up error for the secret {@code property}, whose value is never shown (neither as
   * written nor as bound), for {@code reason}.
   */
  InvalidConfigurationPropertyValueException invalidSecret(String property, String reason) {
    return new InvalidConfigurationPropertyValueException(property, "(hidden)", reason);
  }

  /**
   * The start-up error for {@code property} holding {@code value} (shown as written in the
   * configuration when it can be found there), for {@code reason}.
   */
  InvalidConfigurationPropertyValueException invalid(String property, Object value,
      String reason) {
    String written = environment.getProperty(property);
    return new InvalidConfigurationPropertyValueException(property,
        written != null ? written : value, reason);
  }
}
