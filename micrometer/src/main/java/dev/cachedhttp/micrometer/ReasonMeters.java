package dev.cachedhttp.micrometer;

import dev.cachedhttp.CacheListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A {@link CacheListener} that counts what only events can say: why answers were not stored
 * ({@code cachedhttp.not.stored{reason=...}}) and why stale responses were served ({@code
 * cachedhttp.stale.served.by{reason=...}}). Counters are registered up front, one per reason, so
 * a dashboard sees zeros before the first event. Thread-safe.
 */
final class ReasonMeters implements CacheListener {
  private final Map<NotStoredReason, Counter> notStored = new EnumMap<>(NotStoredReason.class);
  private final Map<StaleReason, Counter> stale = new EnumMap<>(StaleReason.class);

  ReasonMeters(MeterRegistry registry, Tags tags) {
    for (NotStoredReason reason : NotStoredReason.values()) {
      notStored.put(reason, Counter.builder("cachedhttp.not.stored")
          .description("Origin answers the cache did not store, by reason")
          .tags(tags).tag("reason", name(reason)).register(registry));
    }
    for (StaleReason reason : StaleReason.values()) {
      stale.put(reason, Counter.builder("cachedhttp.stale.served.by")
          .description("Stale responses served, by reason")
          .tags(tags).tag("reason", name(reason)).register(registry));
    }
  }

  private static String name(Enum<?> reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void notStored(Request request, Response response, String key,
      NotStoredReason reason) {
    notStored.get(reason).increment();
  }

  @Override
  public void staleServed(Request request, Response response, String key, StaleReason reason) {
    stale.get(reason).increment();
  }
}
