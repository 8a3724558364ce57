/**
 * cachedhttp's core: the caching interceptor ({@code dev.cachedhttp}) and the backend SPI ({@code
 * dev.cachedhttp.spi}). {@code dev.cachedhttp.internal} is not API: it is exported only to the
 * project's own modules that build on it.
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.cachedhttp {
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.cachedhttp;
  exports dev.cachedhttp.spi;
  exports dev.cachedhttp.internal to
      dev.cachedhttp.memory,
      dev.cachedhttp.dynamodb,
      dev.cachedhttp.sqlite,
      dev.cachedhttp.spring,
      dev.cachedhttp.bench;

  uses dev.cachedhttp.spi.BackendProvider;
}
