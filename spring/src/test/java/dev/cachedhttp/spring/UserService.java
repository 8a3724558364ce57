package dev.cachedhttp.spring;

import dev.cachedhttp.spring.model.User;
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
}
