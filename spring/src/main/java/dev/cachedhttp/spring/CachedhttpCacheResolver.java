package dev.cachedhttp.spring;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.core.ResolvableType;

/**
 * Resolves caches like Spring's {@link SimpleCacheResolver}, handing each {@link
 * CachedhttpCache} the declared type of the annotated method's values, so a {@code
 * List<Page<User>>} is stored with that full type and read back as it (without this resolver the
 * type is worked out from the value, which cannot see type parameters of your own generic
 * classes). {@code Optional<T>}, {@code CompletableFuture<T>} and other futures declare {@code T}.
 * Register it through a {@code CachingConfigurer} (the Spring Boot starter does):
 *
 * <pre>{@code
 * @Bean
 * CachingConfigurer cachingConfigurer(CachedhttpCacheManager manager) {
 *   CacheResolver resolver = new CachedhttpCacheResolver(manager);
 *   return new CachingConfigurer() {
 *     public CacheResolver cacheResolver() { return resolver; }
 *   };
 * }
 * }</pre>
 *
 * <p>Caches of other managers pass through unchanged. Thread-safe.
 */
public final class CachedhttpCacheResolver extends SimpleCacheResolver {

  /**
   * A resolver over {@code cacheManager}.
   *
   * @throws IllegalArgumentException when {@code cacheManager} is null (as Spring's resolver)
   */
  public CachedhttpCacheResolver(CacheManager cacheManager) {
    super(cacheManager);
  }

  @Override
  public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
    Collection<? extends Cache> caches = super.resolveCaches(context);
    if (caches.stream().noneMatch(CachedhttpCache.class::isInstance)) {
      return caches;
    }
    Type declared = valueType(ResolvableType.forMethodReturnType(context.getMethod(),
        context.getTarget().getClass()));
    List<Cache> typed = caches.stream().<Cache>map(cache -> cache instanceof CachedhttpCache
        cachedhttp ? cachedhttp.declaring(declared) : cache).toList();
    return typed;
  }

  /** The type of the values a method returning {@code returned} caches. */
  private static Type valueType(ResolvableType returned) {
    Class<?> raw = returned.toClass();
    boolean wrapper = raw == Optional.class || Future.class.isAssignableFrom(raw)
        || CompletionStage.class.isAssignableFrom(raw);
    return wrapper && returned.hasGenerics() ? returned.getGeneric(0).getType()
        : returned.getType();
  }
}
