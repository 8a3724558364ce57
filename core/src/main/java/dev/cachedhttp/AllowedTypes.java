package dev.cachedhttp;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Java types an untyped read ({@link ValueCache#get(String, AllowedTypes)}) may turn a stored
 * value into: listed classes and the classes of listed packages (and their sub-packages). The type
 * name stored with a value is only a claim read from shared storage; a name that is not allowed is
 * never loaded, so stored data cannot pick an arbitrary class to deserialise into (the attack
 * path of polymorphic deserialisation). Values stored without a type name, or with one from a
 * {@code java.} package, come back as plain JSON values (maps, lists, strings, numbers,
 * booleans) without loading any class. Immutable and thread-safe.
 */
public final class AllowedTypes {
  private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*"
      + "(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final AllowedTypes NONE = new AllowedTypes(Map.of(), Set.of(), null);

  private final Map<String, Class<?>> types;
  private final Set<String> packages;
  private final ClassLoader classLoader;

  private AllowedTypes(Map<String, Class<?>> types, Set<String> packages,
      ClassLoader classLoader) {
    this.types = Map.copyOf(types);
    this.packages = Set.copyOf(packages);
    this.classLoader = classLoader;
  }

  /** Allows no class: only plain JSON values come back. */
  public static AllowedTypes none() {
    return NONE;
  }

  /** Allows exactly {@code types}. */
  public static AllowedTypes of(Class<?>... types) {
    Builder builder = builder();
    for (Class<?> type : types) {
      builder.type(type);
    }
    return builder.build();
  }

  /** Returns a new builder that allows nothing yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns these allowed types plus {@code type}; this instance is unchanged. */
  public AllowedTypes and(Class<?> type) {
    Objects.requireNonNull(type, "type");
    if (type.equals(types.get(type.getName()))) {
      return this;
    }
    Map<String, Class<?>> more = new LinkedHashMap<>(types);
    more.put(type.getName(), type);
    return new AllowedTypes(more, packages, classLoader);
  }

  /** True when {@code typeName} is a listed class or in a listed package. */
  public boolean allows(String typeName) {
    if (typeName == null) {
      return false;
    }
    if (types.containsKey(typeName)) {
      return true;
    }
    for (String pkg : packages) {
      if (typeName.startsWith(pkg + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the class named {@code typeName} when it is allowed and can be loaded (without
   * initialising it); empty otherwise.
   */
  public Optional<Class<?>> resolve(String typeName) {
    if (!allows(typeName)) {
      return Optional.empty();
    }
    Class<?> listed = types.get(typeName);
    if (listed != null) {
      return Optional.of(listed);
    }
    try {
      ClassLoader loader = classLoader != null ? classLoader
          : Thread.currentThread().getContextClassLoader();
      return Optional.of(Class.forName(typeName, false,
          loader != null ? loader : AllowedTypes.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "AllowedTypes{types=" + types.keySet() + ", packages=" + packages + "}";
  }

  /** Collects allowed classes and packages. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Class<?>> types = new LinkedHashMap<>();
    private final Set<String> packages = new LinkedHashSet<>();
    private ClassLoader classLoader;

    private Builder() {}

    /** Allows {@code type} itself (not its subclasses). */
    public Builder type(Class<?> type) {
      Objects.requireNonNull(type, "type");
      types.put(type.getName(), type);
      return this;
    }

    /**
     * Allows every class of package {@code packageName} and of its sub-packages, e.g. {@code
     * "com.example.model"}; {@code java} packages are refused (their types come back as plain
     * JSON anyway).
     *
     * @throws IllegalArgumentException naming the value when it is not a package name
     */
    public Builder packageName(String packageName) {
      Objects.requireNonNull(packageName, "packageName");
      if (!PACKAGE.matcher(packageName).matches() || packageName.equals("java")
          || packageName.startsWith("java.") || packageName.startsWith("javax.")) {
        throw new IllegalArgumentException("packageName must be a package name outside java and "
            + "javax, such as com.example.model, but was \"" + packageName + "\"");
      }
      packages.add(packageName);
      return this;
    }

    /** Allows the package of {@code type} and its sub-packages. */
    public Builder packageOf(Class<?> type) {
      return packageName(Objects.requireNonNull(type, "type").getPackageName());
    }

    /**
     * The class loader allowed package classes are loaded from. Default: the calling thread's
     * context class loader.
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Builds the immutable set of allowed types. */
    public AllowedTypes build() {
      return new AllowedTypes(types, packages, classLoader);
    }
  }
}
