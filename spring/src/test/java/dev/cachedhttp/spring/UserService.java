package dev.cachedhttp.spring;

import dev.cachedhttp.spring.model.Page;
import dev.cachedhttp.spring.model.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/** An annotated bean whose methods count their runs. */
public class UserService {
  private final AtomicInteger finds = new AtomicInteger();
  private final AtomicInteger reports = new AtomicInteger();
  private volatile CountDownLatch reportGate = new CountDownLatch(0);

  /** Runs of {@link #find} and {@link #maybe}. */
  public int finds() {
    return finds.get();
  }

  /** Runs of {@link #report}. */
  public int reports() {
    return reports.get();
  }

  /** Makes {@link #report} wait for {@code gate}. */
  public void holdReportsUntil(CountDownLatch gate) {
    this.reportGate = gate;
  }

  /** Loads a user; cached in "users". */
  @Cacheable("users")
  public User find(int id) {
    finds.incrementAndGet();
    return new User(id, "user " + id);
  }

  /** Returns null for negative ids; the null is cached. */
  @Cacheable("users")
  public User maybe(String id) {
    finds.incrementAndGet();
    return null;
  }

  /** Loads a user asynchronously; cached in "users" through Cache.retrieve. */
  @Cacheable("async-users")
  public CompletableFuture<User> findAsync(int id) {
    finds.incrementAndGet();
    return CompletableFuture.supplyAsync(() -> new User(id, "async " + id));
  }

  /** Saves a user and puts it in the cache. */
  @CachePut(value = "users", key = "#p0.id()")
  public User save(User user) {
    return user;
  }

  /** Evicts one user. */
  @CacheEvict("users")
  public void evict(int id) {}

  /** Evicts every user. */
  @CacheEvict(value = "users", allEntries = true)
  public void evictAll() {}

  /** A slow report, single-flight through sync = true; cached in "reports". */
  @Cacheable(value = "reports", sync = true)
  public String report(String name) throws InterruptedException {
    reports.incrementAndGet();
    if (!reportGate.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("report gate not opened within 30 s");
    }
    return "report " + name;
  }

  /** Products of a shop matching a query; cached in "search" under both parameters. */
  @Cacheable("search")
  public List<String> search(String shop, String query) {
    finds.incrementAndGet();
    return List.of(shop + "|" + query);
  }

  /** Users with the given tags; cached in "tagged" under the array itself. */
  @Cacheable(value = "tagged", key = "#p0")
  public int countTagged(String[] tags) {
    finds.incrementAndGet();
    return tags.length;
  }

  /** The members of a team: a generic result type; cached in "teams". */
  @Cacheable("teams")
  public List<User> team(String name) {
    finds.incrementAndGet();
    return List.of(new User(1, name + " lead"), new User(2, name + " dev"));
  }

  /** Users by login: a generic map result; cached in "logins". */
  @Cacheable("logins")
  public Map<String, User> logins(int count) {
    finds.incrementAndGet();
    Map<String, User> byLogin = new LinkedHashMap<>();
    for (int i = 1; i <= count; i++) {
      byLogin.put("u" + i, new User(i, "user " + i));
    }
    return byLogin;
  }

  /** Pages of users: a generic type of the application inside a list; cached in "pages". */
  @Cacheable("pages")
  public List<Page<User>> pages(int count) {
    finds.incrementAndGet();
    return List.of(new Page<>(1, List.of(new User(count, "user " + count))));
  }
}
