package dev.cachedhttp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedhttp.dynamodb.DynamoDbBackend;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Bad properties stop the start-up with an error naming the property and its value. */
class PropertyErrorsTest {
  private final ApplicationContextRunner runner = StarterContexts.runner();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cachedhttp.expire-after=-5s|cachedhttp.expire-after|-5s",
      "cachedhttp.stale-if-error=-1m|cachedhttp.stale-if-error|-1m",
      "cachedhttp.memory.max-entries=0|cachedhttp.memory.max-entries|0",
      "cachedhttp.match-headers=bad header|cachedhttp.match-headers|bad header",
      "cachedhttp.urls-expire-after[a/**]=-1s|cachedhttp.urls-expire-after[a/**]|-1s",
      "cachedhttp.cache.default-expiration=-1s|cachedhttp.cache.default-expiration|-1s",
      "cachedhttp.cache.allowed-packages=java.util|cachedhttp.cache.allowed-packages|java.util",
      "cachedhttp.dynamodb.table-name=a b|cachedhttp.dynamodb.table-name|a b",
      "cachedhttp.fleet.lease=0s|cachedhttp.fleet.lease|0s",
      "cachedhttp.fleet.near-cache-max-age=2d|cachedhttp.fleet.near-cache-max-age|2d",
      "cachedhttp.fleet.near-cache-max-size=0B|cachedhttp.fleet.near-cache-max-size|0B"})
  void aValueTheLibraryRefusesNamesThePropertyAndTheValue(String assignment, String property,
      String value) {
    String[] extra = property.startsWith("cachedhttp.dynamodb")
        ? new String[] {"cachedhttp.backend=dynamodb", "cachedhttp.dynamodb.region=us-east-1"}
        : property.startsWith("cachedhttp.cache.") ? new String[] {"spring.cache.type=cachedhttp"}
        : new String[0];
    runner.withUserConfiguration(dev.cachedhttp.spring.boot.app.TestApplication.class)
        .withPropertyValues(assignment).withPropertyValues(extra)
        .run(context -> failure(context.getStartupFailure())
            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
            .hasMessageContaining(property).hasMessageContaining(value));
  }

  @Test
  void aRefusedKeySecretIsNamedButNeverShown() {
    runner.withPropertyValues("cachedhttp.key-secret=hunter2").run(context -> {
      failure(context.getStartupFailure()).hasMessageContaining("cachedhttp.key-secret");
      assertThat(context.getStartupFailure()).hasStackTraceContaining("(hidden)");
      Throwable cause = context.getStartupFailure();
      for (; cause != null; cause = cause.getCause()) {
        assertThat(String.valueOf(cause.getMessage())).doesNotContain("hunter2");
      }
    });
  }

  @Test
  void anUnknownBackendNamesThePropertyAndTheValue() {
    runner.withPropertyValues("cachedhttp.backend=redis").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("cachedhttp.backend")
            .hasStackTraceContaining("redis"));
  }

  @Test
  void aBackendWhoseModuleIsMissingNamesTheArtifact() {
    runner.withClassLoader(new FilteredClassLoader(DynamoDbBackend.class))
        .withPropertyValues("cachedhttp.backend=dynamodb")
        .run(context -> failure(context.getStartupFailure())
            .hasMessageContaining("cachedhttp.backend").hasMessageContaining("dynamodb")
            .hasMessageContaining("cachedhttp-backend-dynamodb"));
    runner.withClassLoader(new FilteredClassLoader("dev.cachedhttp.sqlite"))
        .withPropertyValues("cachedhttp.backend=sqlite")
        .run(context -> failure(context.getStartupFailure())
            .hasMessageContaining("cachedhttp.backend").hasMessageContaining("sqlite")
            .hasMessageContaining("cachedhttp-backend-sqlite"));
  }

  /** The cause Spring Boot reports: the innermost of the start-up failure's causes. */
  private static AbstractThrowableAssert<?, ? extends Throwable> failure(Throwable failure) {
    assertThat(failure).as("the context failed to start").isNotNull();
    Throwable cause = failure;
    while (cause.getCause() != null
        && !(cause instanceof InvalidConfigurationPropertyValueException)) {
      cause = cause.getCause();
    }
    return assertThat(cause);
  }
}
