package dev.cachedhttp.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each subject's client is the one client of the run: a cache keeps what earlier connections fetched. */
class SubjectTest {
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  @ParameterizedTest
  @CsvSource({"cachedhttp, 1", "okhttp, 1", "none, 2"})
  void aFreshResponseIsServedAgainOnANewConnectionOnlyByACache(String name, int originRequests)
      throws Exception {
    try (MockWebServer origin = new MockWebServer();
        Subject.Opened subject = Subject.named(name).open(ConformanceProxy.baseClient())) {
      origin.start();
      for (int i = 0; i < 2; i++) {
        origin.enqueue(new MockResponse.Builder()
            .addHeader("Cache-Control", "max-age=600").body("fresh " + i).build());
      }
      try (ProxyServer proxy = new ProxyServer(
          new Relay(subject.client(), "http://127.0.0.1:" + origin.getPort()), 0)) {
        String first = get(proxy.port());
        String second = get(proxy.port());

        assertThat(first).endsWith("\r\n\r\nfresh 0");
        assertThat(second).endsWith(originRequests == 1 ? "\r\n\r\nfresh 0" : "\r\n\r\nfresh 1");
        assertThat(origin.getRequestCount()).isEqualTo(originRequests);
      }
    }
  }

  @Test
  void anUnknownSubjectIsRejectedByName() {
    assertThatThrownBy(() -> Subject.named("varnish"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'varnish'")
        .hasMessageContaining("cachedhttp, okhttp, none");
  }

  @Test
  void aBadPortIsRejectedWithItsValue() {
    assertThatThrownBy(() -> ConformanceProxy.Arguments.parse(
        new String[] {"--subject", "none", "--origin", "http://127.0.0.1:1", "--port", "70000"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  private static String get(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.getOutputStream().write(
          "GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
