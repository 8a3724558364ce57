package dev.cachedhttp.spring.boot.app;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;

/** A bean with a cached method returning a generic type; counts its runs. */
public class TeamService {
  private final AtomicInteger runs = new AtomicInteger();

  /** The members of a team; cached in "teams". */
  @Cacheable("teams")
  public List<User> members(String team) {
    runs.incrementAndGet();
    return List.of(new User(1, team + " lead"), new User(2, team + " dev"));
  }

  /** The members of a team in pages; cached in "pages". */
  @Cacheable("pages")
  public List<Page<User>> pages(String team) {
    runs.incrementAndGet();
    return List.of(new Page<>(1, members(team)));
  }

  /** How often {@link #members} and {@link #pages} ran. */
  public int runs() {
    return runs.get();
  }
}
