package dev.cachedhttp.spring;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.cachedhttp.AllowedTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The full type of a collection or map value, such as {@code java.util.List<com.example.User>},
 * worked out from the value when it is stored and turned back into a Jackson {@link JavaType}
 * when it is read. Reading never loads a class it was not allowed to: every name in a stored
 * type must be one of a fixed set of JDK collection and value types, or allowed by the cache's
 * {@link AllowedTypes}, before any class is resolved. Thread-safe.
 */
final class GenericTypes {
  /** The JDK types a stored type may name; no other {@code java.} class is ever loaded. */
  private static final Map<String, Class<?>> JDK = Stream.of(List.class, ArrayList.class,
          LinkedList.class, Set.class, HashSet.class, LinkedHashSet.class, SortedSet.class,
          TreeSet.class, Collection.class, Map.class, HashMap.class, LinkedHashMap.class,
          SortedMap.class, TreeMap.class, Object.class, String.class, Integer.class, Long.class,
          Short.class, Byte.class, Double.class, Float.class, Boolean.class, Character.class,
          BigDecimal.class, BigInteger.class, UUID.class)
      .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_$.<>,]{1,2000}");
  private static final int MAX_DEPTH = 8;

  private GenericTypes() {}

  /**
   * The type of {@code value} when it is a collection or map holding a type of the application
   * (outside {@code java.}) at some depth; empty for any other value, which is stored as before.
   * Elements of different classes are typed {@code Object} (read back as plain JSON); map keys
   * of application types too, as JSON keys are text.
   */
  static Optional<String> of(Object value) {
    if (!(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
      return Optional.empty();
    }
    Node node = infer(value, 0);
    return node.hasApplicationType() ? Optional.of(node.toString()) : Optional.empty();
  }

  /**
   * The type {@code value} is stored with: {@code declared} (the type a method promises) when it
   * is a JDK collection or map type that {@code value} is an instance of, names an application
   * type and has a storable form; else what {@link #of(Object)} works out.
   */
  static Optional<String> of(JavaType declared, Object value) {
    if (declared != null && declared.isContainerType() && !declared.isArrayType()
        && JDK.containsKey(declared.getRawClass().getName())
        && declared.getRawClass().isInstance(value)) {
      String canonical = declared.toCanonical();
      if (SHAPE.matcher(canonical).matches()
          && Stream.of(canonical.split("[<>,]")).anyMatch(name -> !name.startsWith("java."))) {
        return Optional.of(canonical);
      }
    }
    return of(value);
  }

  /**
   * The Jackson type a stored type names, when every name in it is a known JDK type or allowed;
   * empty when a name is not allowed or the text is malformed.
   */
  static Optional<JavaType> parse(String stored, AllowedTypes allowed, TypeFactory types) {
    if (stored == null || !SHAPE.matcher(stored).matches()) {
      return Optional.empty();
    }
    try {
      Parser parser = new Parser(stored, allowed, types);
      JavaType type = parser.type(0);
      return parser.atEnd() ? Optional.of(type) : Optional.empty();
    } catch (IllegalArgumentException malformedOrNotAllowed) {
      return Optional.empty();
    }
  }

  private static Node infer(Object value, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      return Node.OBJECT;
    }
    if (value instanceof Collection<?> collection) {
      return new Node(container(collection), List.of(common(collection, depth)));
    }
    if (value instanceof Map<?, ?> map) {
      Node keys = common(map.keySet(), depth);
      return new Node(container(map),
          List.of(keys.hasApplicationType() ? Node.OBJECT : keys, common(map.values(), depth)));
    }
    String name = value instanceof Enum<?> constant ? constant.getDeclaringClass().getName()
        : value.getClass().getName();
    return JDK.containsKey(name) || !name.startsWith("java.") ? new Node(name, List.of())
        : Node.OBJECT;
  }

  /** The one type every non-null element has, or Object when they differ. */
  private static Node common(Collection<?> elements, int depth) {
    Node found = null;
    for (Object element : elements) {
      if (element != null) {
        Node node = infer(element, depth + 1);
        if (found != null && !found.equals(node)) {
          return Node.OBJECT;
        }
        found = node;
      }
    }
    return found == null ? Node.OBJECT : found;
  }

  private static String container(Object value) {
    String name = value.getClass().getName();
    if (JDK.containsKey(name)) {
      return name;
    }
    if (value instanceof SortedSet<?>) {
      return SortedSet.class.getName();
    }
    if (value instanceof Set<?>) {
      return Set.class.getName();
    }
    if (value instanceof SortedMap<?, ?>) {
      return SortedMap.class.getName();
    }
    return value instanceof Map<?, ?> ? Map.class.getName() : List.class.getName();
  }

  /** A type name with its type parameters. */
  private record Node(String name, List<Node> parameters) {
    static final Node OBJECT = new Node(Object.class.getName(), List.of());

    boolean hasApplicationType() {
      return !name.startsWith("java.") || parameters.stream().anyMatch(Node::hasApplicationType);
    }

    @Override
    public String toString() {
      return parameters.isEmpty() ? name : name + parameters.stream().map(Node::toString)
          .collect(Collectors.joining(",", "<", ">"));
    }
  }

  /** Reads {@code name<type,type>} left to right, resolving each name only once allowed. */
  private static final class Parser {
    private final String text;
    private final AllowedTypes allowed;
    private final TypeFactory types;
    private int at;

    Parser(String text, AllowedTypes allowed, TypeFactory types) {
      this.text = text;
      this.allowed = allowed;
      this.types = types;
    }

    JavaType type(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("nested too deep");
      }
      int start = at;
      while (at < text.length() && "<>,".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      Class<?> raw = resolve(text.substring(start, at));
      List<JavaType> parameters = new ArrayList<>();
      if (at < text.length() && text.charAt(at) == '<') {
        do {
          at++;
          parameters.add(type(depth + 1));
        } while (at < text.length() && text.charAt(at) == ',');
        expect('>');
      }
      return parameters.isEmpty() ? types.constructType(raw)
          : types.constructParametricType(raw, parameters.toArray(JavaType[]::new));
    }

    boolean atEnd() {
      return at == text.length();
    }

    private void expect(char c) {
      if (at >= text.length() || text.charAt(at) != c) {
        throw new IllegalArgumentException("expected " + c + " at " + at);
      }
      at++;
    }

    private Class<?> resolve(String name) {
      Class<?> jdk = JDK.get(name);
      if (jdk != null) {
        return jdk;
      }
      Objects.requireNonNull(name);
      return allowed.resolve(name).orElseThrow(() ->
          new IllegalArgumentException("type not allowed"));
    }
  }
}
