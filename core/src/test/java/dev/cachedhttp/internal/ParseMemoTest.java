package dev.cachedhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParseMemoTest {

  @Test
  void parsesEachValueOnceAndRemembersNullResults() {
    AtomicInteger parses = new AtomicInteger();
    ParseMemo<String> memo = new ParseMemo<>(v -> {
      parses.incrementAndGet();
      return v.equals("bad") ? null : v.toUpperCase();
    }, 8);

    assertThat(memo.get("a")).isEqualTo("A");
    assertThat(memo.get("a")).isEqualTo("A");
    assertThat(memo.get("bad")).isNull();
    assertThat(memo.get("bad")).isNull();
    assertThat(memo.get(null)).isNull();
    assertThat(parses).hasValue(2);
  }

  @Test
  void startsOverWhenFullSoMemoryStaysBounded() {
    AtomicInteger parses = new AtomicInteger();
    ParseMemo<Integer> memo = new ParseMemo<>(v -> parses.incrementAndGet(), 3);

    for (String v : new String[] {"a", "b", "c", "d"}) {
      memo.get(v);
    }
    memo.get("a");

    assertThat(parses).as("'a' was dropped when 'd' overflowed the memo").hasValue(5);
  }

  @Test
  void aLongValueIsParsedEveryTimeAndNeverKept() {
    AtomicInteger parses = new AtomicInteger();
    ParseMemo<Integer> memo = new ParseMemo<>(v -> parses.incrementAndGet(), 3);
    String huge = "x".repeat(256 * 1024);

    memo.get(huge);
    memo.get(huge);
    memo.get("a".repeat(ParseMemo.MAX_VALUE_LENGTH));
    memo.get("a".repeat(ParseMemo.MAX_VALUE_LENGTH));

    assertThat(parses).as("the huge value twice, the longest kept value once").hasValue(3);
  }

  @Test
  void cacheDirectivesOfOneLineAreTheSameAsParsedFresh() {
    okhttp3.Headers headers = okhttp3.Headers.of("Cache-Control", "max-age=60, must-revalidate");
    CacheDirectives first = CacheDirectives.of(headers);
    CacheDirectives again = CacheDirectives.of(okhttp3.Headers.of("cache-control",
        "max-age=60, must-revalidate"));

    assertThat(again).isEqualTo(first);
    assertThat(first.maxAge()).isEqualTo(60);
    assertThat(first.mustRevalidate()).isTrue();
  }
}
