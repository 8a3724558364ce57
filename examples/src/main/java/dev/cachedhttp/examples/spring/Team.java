package dev.cachedhttp.examples.spring;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** A service whose slow lookup is cached with {@code @Cacheable} in the cachedhttp backend. */
@Service
public class Team {
  private final AtomicInteger computations = new AtomicInteger();

  /**
   * A member of a team.
   *
   * @param name the member's name
   * @param role what the member does
   */
  public record Member(String name, String role) {}

  /** The members of team {@code name}; computed once, then read from the cache. */
  @Cacheable("teams")
  public List<Member> members(String name) {
    computations.incrementAndGet();
    return List.of(new Member(name + "-lead", "lead"), new Member(name + "-dev", "dev"));
  }

  /** How many times {@link #members} ran. */
  public int computations() {
    return computations.get();
  }
}
