package dev.cachedhttp.examples;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** A Spring bean whose reports are cached with {@code @Cacheable}; counts real computations. */
public class ReportService {
  private final AtomicInteger computed = new AtomicInteger();

  // snippet: spring-service
  @Cacheable("reports")
  public Report report(int id) {
    computed.incrementAndGet();
    return Report.compute(id);
  }

  @CacheEvict(value = "reports", allEntries = true)
  public void refreshAll() {}
  // end snippet

  /** How many reports were really computed (not served from the cache). */
  public int computed() {
    return computed.get();
  }
}
