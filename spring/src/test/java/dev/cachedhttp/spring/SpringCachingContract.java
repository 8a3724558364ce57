package dev.cachedhttp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedhttp.ValueCache;
import dev.cachedhttp.spi.Backend;
import dev.cachedhttp.spring.model.Page;
import dev.cachedhttp.spring.model.User;
import dev.cachedhttp.spring.outside.Gadget;
import dev.cachedhttp.testkit.LogCapture;
import dev.cachedhttp.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's caching annotations on a real application context over a cachedhttp backend; each
 * backend's test extends this and supplies the backend.
 */
abstract class SpringCachingContract {
  protected final MutableClock clock = MutableClock.create();
  private Backend backend;
  private AnnotationConfigApplicationContext context;
  private UserService users;
  private CachedhttpCacheManager manager;

  /** Returns a new, empty backend reading {@code clock}. */
  protected abstract Backend createBackend(MutableClock clock);

  /** The application's configuration: caching on, the cache manager, the annotated bean. */
  @Configuration
  @EnableCaching
  static class CachingConfig {
    @Bean
    CachedhttpCacheManager cacheManager(Backend backend, MutableClock clock) {
      return CachedhttpCacheManager.builder()
          .backend(backend)
          .clock(clock)
          .defaultExpiration(Duration.ofMinutes(10))
          .expiration("reports", Duration.ofSeconds(30))
          .allowPackage("dev.cachedhttp.spring.model")
          .build();
    }

    @Bean
    UserService userService() {
      return new UserService();
    }

    @Bean
    CachingConfigurer cachingConfigurer(CachedhttpCacheManager manager) {
      CacheResolver resolver = new CachedhttpCacheResolver(manager);
      return new CachingConfigurer() {
        @Override
        public CacheResolver cacheResolver() {
          return resolver;
        }
      };
    }
  }

  @BeforeEach
  void startContext() {
    backend = createBackend(clock);
    context = new AnnotationConfigApplicationContext();
    context.registerBean(Backend.class, () -> backend);
    context.registerBean(MutableClock.class, () -> clock);
    context.register(CachingConfig.class);
    context.refresh();
    users = context.getBean(UserService.class);
    manager = context.getBean(CachedhttpCacheManager.class);
  }

  @AfterEach
  void closeContext() {
    context.close();
    backend.close();
  }

  @Test
  void aCacheableMethodRunsOnceAndAgainAfterAnEvict() {
    assertThat(users.find(1)).isEqualTo(new User(1, "user 1"));
    assertThat(users.find(1)).isEqualTo(new User(1, "user 1"));
    assertThat(users.finds()).isEqualTo(1);

    users.evict(1);
    users.find(1);
    assertThat(users.finds()).isEqualTo(2);

    users.find(2);
    users.evictAll();
    users.find(1);
    users.find(2);
    assertThat(users.finds()).isEqualTo(5);
    assertThat(backend.values("users").count()).isEqualTo(2);
  }

  @Test
  void aCacheableMethodReturningAFutureRunsOnce() throws Exception {
    assertThat(users.findAsync(3).get(30, TimeUnit.SECONDS)).isEqualTo(new User(3, "async 3"));
    assertThat(users.findAsync(3).get(30, TimeUnit.SECONDS)).isEqualTo(new User(3, "async 3"));

    assertThat(users.finds()).isEqualTo(1);
    assertThat(manager.getCache("async-users").retrieve(3).get(30, TimeUnit.SECONDS))
        .isNotNull();
  }

  @Test
  void cachePutStoresTheResultForLaterCacheableCalls() {
    users.save(new User(5, "saved"));

    assertThat(users.find(5)).isEqualTo(new User(5, "saved"));
    assertThat(users.finds()).isEqualTo(0);
    assertThat(manager.getCache("users").get(5, User.class)).isEqualTo(new User(5, "saved"));
  }

  @Test
  void aNullResultIsCached() {
    assertThat(users.maybe("x")).isNull();
    assertThat(users.maybe("x")).isNull();

    assertThat(users.finds()).isEqualTo(1);
  }

  @Test
  void syncCacheableRunsTheMethodOnceForConcurrentCallers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    users.holdReportsUntil(gate);
    CountDownLatch arrived = new CountDownLatch(10);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        results.add(pool.submit(() -> {
          arrived.countDown();
          return users.report("q");
        }));
      }
      assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
      gate.countDown();

      for (Future<String> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("report q");
      }
      assertThat(users.reports()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachCacheExpiresAfterItsOwnOrTheDefaultExpiration() throws Exception {
    users.report("a");
    users.find(1);

    clock.advance(Duration.ofSeconds(29));
    users.report("a");
    assertThat(users.reports()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    users.report("a");
    assertThat(users.reports()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(9));
    users.find(1);
    assertThat(users.finds()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    users.find(1);
    assertThat(users.finds()).isEqualTo(2);
  }

  @Test
  void anUntypedReadOfATypeNotAllowedIsAMissWithAWarning() {
    try (ValueCache shared = ValueCache.builder().backend(backend).namespace("users").build()) {
      shared.put("7", new Gadget(7, "rm -rf /"));
    }
    Cache cache = manager.getCache("users");

    try (LogCapture log = LogCapture.start()) {
      assertThat(cache.get(7)).isNull();
      assertThat(users.find(7)).isEqualTo(new User(7, "user 7"));

      assertThat(log.linesContaining("WARN")).anySatisfy(line -> assertThat(line)
          .contains(Gadget.class.getName()).contains("not allowed"));
    }
    assertThat(users.finds()).isEqualTo(1);
    assertThat(cache.get(7).get()).isEqualTo(new User(7, "user 7"));
  }

  @Test
  void aCacheNameThatIsNotAValidNamespaceIsRefusedWithItsName() {
    assertThatThrownBy(() -> manager.getCache("no spaces"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"no spaces\"");
    assertThat(manager.getCache("users").getNativeCache()).isInstanceOf(ValueCache.class);
  }

  @Test
  void parameterListsThatPrintAlikeAreDifferentKeys() {
    assertThat(users.search("acme", "shoes, red")).containsExactly("acme|shoes, red");
    assertThat(users.search("acme, shoes", "red")).containsExactly("acme, shoes|red");
    assertThat(users.search("acme", "shoes, red")).containsExactly("acme|shoes, red");

    assertThat(users.finds()).isEqualTo(2);
  }

  @Test
  void anArrayKeyHitsAndIsOneEntry() {
    users.countTagged(new String[] {"a", "b"});
    users.countTagged(new String[] {"a", "b"});
    users.countTagged(new String[] {"a, b"});

    assertThat(users.finds()).isEqualTo(2);
    assertThat(backend.values("tagged").count()).isEqualTo(2);
  }

  @Test
  void aPlainKeyNeverMeetsAnEncodedOne() {
    Cache cache = manager.getCache("keys");
    cache.put(new SimpleKey("a", "b"), "pair");
    cache.put(CachedhttpCache.keyOf(new SimpleKey("a", "b")), "string");
    cache.put(new Object[] {"a", "b"}, "array");

    assertThat(cache.get(new SimpleKey("a", "b")).get()).isEqualTo("pair");
    assertThat(cache.get(new Object[] {"a", "b"}).get()).isEqualTo("array");
    assertThat(cache.get(CachedhttpCache.keyOf(new SimpleKey("a", "b"))).get())
        .isEqualTo("string");
  }

  @Test
  void aCachedGenericListOrMapComesBackWithItsElementTypes() {
    List<User> team = users.team("core");
    List<User> again = users.team("core");
    Map<String, User> logins = users.logins(2);
    Map<String, User> loginsAgain = users.logins(2);

    assertThat(users.finds()).isEqualTo(2);
    assertThat(again).isEqualTo(team);
    assertThat(again.get(0)).isInstanceOf(User.class);
    assertThat(loginsAgain).isEqualTo(logins);
    assertThat(loginsAgain.get("u2")).isInstanceOf(User.class);
  }

  @Test
  void theDeclaredTypeOfAMethodBringsBackGenericsOfYourOwnTypes() {
    List<Page<User>> first = users.pages(3);
    List<Page<User>> again = users.pages(3);

    assertThat(users.finds()).isEqualTo(1);
    assertThat(again).isEqualTo(first);
    assertThat(again.get(0).items().get(0)).isInstanceOf(User.class);
  }

  @Test
  void aGenericValueOfATypeNotAllowedIsAMiss() {
    Cache cache = manager.getCache("gadgets");
    cache.put("g", List.of(new Gadget(1, "x")));

    assertThat(cache.get("g")).isNull();
  }

  @Test
  void aPlantedItemNamingItsOwnClassIsNeverInstantiated() {
    ObjectMapper typing = new ObjectMapper();
    typing.activateDefaultTyping(typing.getPolymorphicTypeValidator(),
        ObjectMapper.DefaultTyping.EVERYTHING);

    assertThatThrownBy(() -> CachedhttpCacheManager.builder().objectMapper(typing))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default typing");
    Planted.instances.set(0);
    try (ValueCache shared = ValueCache.builder().backend(backend).namespace("users").build()) {
      shared.put("9", List.of(Planted.class.getName(), Map.of("id", 9)));
    }
    Object read = manager.getCache("users").get("9").get();

    assertThat(Planted.instances.get()).isZero();
    assertThat(read).isInstanceOf(List.class);
  }

  /** A class a planted item names; counts its instances. */
  public static final class Planted {
    static final java.util.concurrent.atomic.AtomicInteger instances =
        new java.util.concurrent.atomic.AtomicInteger();

    /** Counts the instance. */
    public Planted() {
      instances.incrementAndGet();
    }

    /** A property for Jackson. */
    public int id;
  }
}
