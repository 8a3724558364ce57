package dev.cachedhttp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.cachedhttp.AllowedTypes;
import dev.cachedhttp.spring.model.Page;
import dev.cachedhttp.spring.model.User;
import dev.cachedhttp.spring.outside.Gadget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenericTypesTest {
  private static final String USER = User.class.getName();
  private static final AllowedTypes USERS = AllowedTypes.of(User.class);
  private static final TypeFactory TYPES = TypeFactory.defaultInstance();

  /** An enum whose constant has a body, so its class is an anonymous subclass. */
  enum Level {
    LOW {
      @Override
      public String toString() {
        return "low";
      }
    }
  }

  @Test
  void collectionsAndMapsOfApplicationTypesGetTheirFullType() {
    assertThat(GenericTypes.of(List.of(new User(1, "a")))).contains("java.util.List<" + USER + ">");
    assertThat(GenericTypes.of(new ArrayList<>(List.of(new User(1, "a")))))
        .contains("java.util.ArrayList<" + USER + ">");
    assertThat(GenericTypes.of(new LinkedHashMap<>(Map.of("k", List.of(new User(1, "a"))))))
        .contains("java.util.LinkedHashMap<java.lang.String,java.util.List<" + USER + ">>");
    assertThat(GenericTypes.of(List.of(Level.LOW)))
        .contains("java.util.List<" + Level.class.getName() + ">");
    assertThat(GenericTypes.of(Map.of(new User(1, "k"), new User(2, "v"))))
        .contains("java.util.Map<java.lang.Object," + USER + ">");
  }

  @Test
  void valuesWithoutApplicationTypesOrOfMixedTypesAreLeftAlone() {
    assertThat(GenericTypes.of(List.of("a", "b"))).isEmpty();
    assertThat(GenericTypes.of(new TreeSet<>(List.of(1, 2)))).isEmpty();
    assertThat(GenericTypes.of(List.of(new User(1, "a"), new Gadget(2, "b")))).isEmpty();
    assertThat(GenericTypes.of(new User(1, "a"))).isEmpty();
  }

  @Test
  void aDeclaredCollectionTypeWinsOverTheValuesAndOtherDeclarationsDoNot() {
    List<Page<User>> pages = List.of(new Page<>(1, List.of(new User(1, "a"))));
    String page = Page.class.getName();

    assertThat(GenericTypes.of(TYPES.constructType(new TypeReference<List<Page<User>>>() {}
        .getType()), pages)).contains("java.util.List<" + page + "<" + USER + ">>");
    assertThat(GenericTypes.of(null, pages)).contains("java.util.List<" + page + ">");
    assertThat(GenericTypes.of(TYPES.constructType(new TypeReference<List<Object>>() {}
        .getType()), pages)).contains("java.util.List<" + page + ">");
    assertThat(GenericTypes.of(TYPES.constructType(new TypeReference<Set<Page<User>>>() {}
        .getType()), pages)).as("not an instance of the declared type")
        .contains("java.util.List<" + page + ">");
  }

  @Test
  void aStoredTypeOfAllowedNamesIsResolved() {
    Optional<JavaType> type = GenericTypes.parse(
        "java.util.Map<java.lang.String,java.util.List<" + USER + ">>", USERS, TYPES);

    assertThat(type).isPresent();
    assertThat(type.get().getContentType().getContentType().getRawClass()).isEqualTo(User.class);
    assertThat(type.get().getKeyType().getRawClass()).isEqualTo(String.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "java.util.List<dev.cachedhttp.spring.outside.Gadget>",
      "java.lang.Runtime",
      "java.util.List<java.lang.ProcessBuilder>",
      "java.util.List<",
      "java.util.List<dev.cachedhttp.spring.model.User>>",
      "java.util.List<dev.cachedhttp.spring.model.User,>",
      "java.util.List dev.cachedhttp.spring.model.User",
      "",
      "java.util.List<java.util.List<java.util.List<java.util.List<java.util.List<java.util.List<"
          + "java.util.List<java.util.List<java.util.List<java.util.List<java.lang.String>>>>>>>>>>",
      "java.util.Map<dev.cachedhttp.spring.model.User>"})
  void aStoredTypeNamingAnythingNotAllowedOrMalformedIsNotResolved(String stored) {
    assertThat(GenericTypes.parse(stored, USERS, TYPES)).isEmpty();
  }
}
