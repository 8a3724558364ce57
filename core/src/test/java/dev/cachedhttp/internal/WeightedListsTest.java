package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightedListsTest {

  /** The members of one field value, split the way {@link Vary} splits them. */
  private static Optional<String> normalised(String value) {
    List<String> members = Arrays.asList(value.split(","));
    return WeightedLists.normalised(members);
  }

  @ParameterizedTest(name = "\"{0}\" and \"{1}\" have one normal form")
  @CsvSource(delimiter = '|', value = {
      "en, de                      | de, en",
      "en, de                      | eN, De",
      "en, de                      | ' en ,   de'",
      "en;q=1, de;q=1.000          | de, en",
      "fr;q=0.5, de                | de, fr;q=0.50",
      "fr;q=0.5, de                | 'de ,fr ; q = 0.5'",
      "gzip, br;q=0.8, *;q=0       | *;q=0.000, br;q=0.8, GZIP",
      "utf-8, iso-8859-1;q=0.3     | iso-8859-1;q=0.300, utf-8",
      "en,,de                      | de, en"})
  void membersOfEqualWeightCompareInAnyOrderAndCase(String one, String other) {
    assertThat(normalised(one)).isPresent().isEqualTo(normalised(other));
  }

  @ParameterizedTest(name = "\"{0}\" and \"{1}\" differ")
  @CsvSource(delimiter = '|', value = {
      "en, de;q=0.5                | de, en;q=0.5",
      "en, de                      | en",
      "en-gb, de                   | en, de",
      "fr;q=0.5                    | fr;q=0.51",
      "gzip                        | gzip;q=0"})
  void differentWeightsOrMembersStayApart(String one, String other) {
    assertThat(normalised(one)).isPresent().isNotEqualTo(normalised(other));
  }

  @ParameterizedTest(name = "\"{0}\" is written \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "De, en;q=0.5, fr;q=0.8      | de,fr;q=0.8,en;q=0.5",
      "en;q=0.125, de;q=0.12       | en;q=0.125,de;q=0.12",
      "br;q=0., gzip;q=0           | br;q=0,gzip;q=0",
      "en;q=1.0                    | en"})
  void theNormalFormSortsByWeightThenName(String value, String expected) {
    assertThat(normalised(value)).contains(expected);
  }

  @ParameterizedTest(name = "\"{0}\" has no normal form")
  @CsvSource(delimiter = '|', value = {
      "en;q=1.5",
      "en;q=0.1234",
      "en;q=abc",
      "en;level=1",
      "en;q=",
      ";q=0.5"})
  void anUnreadableListHasNoNormalForm(String value) {
    assertThat(normalised(value)).isEmpty();
  }
}
