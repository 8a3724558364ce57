package dev.cachedhttp.spring.boot;

import dev.cachedhttp.memory.MemoryBackend;
import dev.cachedhttp.spi.Backend;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Builds the backend {@code cachedhttp.backend} names. A backend whose module is not on the class
 * path is a start-up error naming the property and the artifact to add. Not instantiable.
 */
final class Backends {
  static final String DYNAMODB_CLASS = "dev.cachedhttp.dynamodb.DynamoDbBackend";
  static final String SQLITE_CLASS = "dev.cachedhttp.sqlite.SqliteBackend";

  private Backends() {}

  /**
   * The backend of {@code properties}; {@code beans} supplies optional collaborators and the
   * class loader backend modules are looked for in.
   */
  static Backend create(CachedhttpProperties properties, BeanFactory beans,
      PropertyValues values) {
    ClassLoader loader = beans instanceof ConfigurableBeanFactory configurable
        && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
        : Backends.class.getClassLoader();
    return switch (properties.backend()) {
      case MEMORY -> memory(properties.memory(), values);
      case DYNAMODB -> {
        requireModule("dynamodb", DYNAMODB_CLASS, "cachedhttp-backend-dynamodb", loader, values);
        yield DynamoDbBackends.create(properties.dynamodb(), beans, values);
      }
      case SQLITE -> {
        requireModule("sqlite", SQLITE_CLASS, "cachedhttp-backend-sqlite", loader, values);
        yield sqlite(properties.sqlite(), loader, values);
      }
    };
  }

  private static Backend memory(CachedhttpProperties.Memory memory, PropertyValues values) {
    MemoryBackend.Builder builder = MemoryBackend.builder();
    values.set("cachedhttp.memory.max-entries", memory.maxEntries(), builder::maxEntries);
    values.set("cachedhttp.memory.max-size", memory.maxSize(),
        size -> builder.maxBytes(size.toBytes()));
    return builder.build();
  }

  private static void requireModule(String backend, String className, String artifact,
      ClassLoader loader, PropertyValues values) {
    if (!ClassUtils.isPresent(className, loader)) {
      throw values.invalid("cachedhttp.backend", backend, "the " + backend + " backend needs "
          + "dev.cachedhttp:" + artifact + " on the class path (" + className + " was not found)");
    }
  }

  /**
   * {@code SqliteBackend.builder().path(path).maxBytes(bytes).build()}, called reflectively so
   * the starter compiles and runs without the SQLite module.
   */
  private static Backend sqlite(CachedhttpProperties.Sqlite sqlite, ClassLoader loader,
      PropertyValues values) {
    try {
      Class<?> type = ClassUtils.forName(SQLITE_CLASS, loader);
      Object builder = type.getMethod("builder").invoke(null);
      call(builder, "path", Path.class, sqlite.path(), "cachedhttp.sqlite.path", values);
      DataSize maxSize = sqlite.maxSize();
      if (maxSize != null) {
        call(builder, "maxBytes", long.class, maxSize.toBytes(), "cachedhttp.sqlite.max-size",
            values);
      }
      return (Backend) builder.getClass().getMethod("build").invoke(builder);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw values.invalid("cachedhttp.backend", "sqlite", "the SQLite backend could not be built: "
          + rootMessage(e));
    }
  }

  private static void call(Object builder, String method, Class<?> type, Object value,
      String property, PropertyValues values) throws ReflectiveOperationException {
    try {
      builder.getClass().getMethod(method, type).invoke(builder, value);
    } catch (InvocationTargetException e) {
      throw values.invalid(property, value, rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e instanceof InvocationTargetException target && target.getCause() != null
        ? target.getCause() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
