package dev.cachedhttp.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy is invisible: what a client reads through it is byte for byte what it reads from the
 * origin directly, and the origin sees the client's request, not OkHttp's.
 */
class ProxyFaithfulnessTest {
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final MockWebServer origin = new MockWebServer();
  private Subject.Opened subject;
  private ProxyServer proxy;

  @BeforeEach
  void start() throws IOException {
    origin.start();
    subject = Subject.NONE.open(ConformanceProxy.baseClient());
    proxy = new ProxyServer(new Relay(subject.client(), "http://127.0.0.1:" + origin.getPort()), 0);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    subject.close();
    origin.close();
  }

  @Test
  void aResponseReadsTheSameThroughTheProxyAsFromTheOrigin() throws IOException {
    byte[] body = new byte[256];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    MockResponse response = closing()
        .status("HTTP/1.1 299 Odd Reason")
        .addHeader("x-lower", "1")
        .addHeader("X-Twice", "a")
        .addHeader("X-Twice", "b")
        .addHeader("Cache-Control", "max-age=60")
        .body(new Buffer().write(body))
        .build();

    assertThat(viaProxy(response, get("/same"))).isEqualTo(direct(response, get("/same")));
  }

  @Test
  void aHeadResponseKeepsItsContentLengthAndHasNoBody() throws IOException {
    MockResponse response = closing()
        .addHeader("Content-Length", "42")
        .addHeader("ETag", "\"e\"")
        .build();
    String request = "HEAD /head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    ByteString proxied = viaProxy(response, request);

    assertThat(proxied).isEqualTo(direct(response, request));
    assertThat(proxied.utf8()).contains("Content-Length: 42\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void aGzipBodyIsPassedOnCompressedWhenTheClientAskedForGzip() throws Exception {
    byte[] compressed = gzip("hello, compressed world");
    MockResponse response = closing()
        .addHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(compressed))
        .build();
    String request = "GET /gz HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n";

    ByteString proxied = viaProxy(response, request);

    assertThat(proxied).isEqualTo(direct(response, request));
    assertThat(proxied.endsWith(ByteString.of(compressed))).isTrue();
    assertThat(seen().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void aChunkedResponseIsPassedOnChunked() throws IOException {
    origin.enqueue(new MockResponse.Builder().chunkedBody("hello chunked world", 5).build());

    String proxied = exchange(proxy.port(), get("/chunked")).utf8();

    assertThat(proxied).contains("\r\nTransfer-encoding: chunked\r\n")
        .doesNotContain("Content-Length")
        .endsWith("\r\n\r\n13\r\nhello chunked world\r\n0\r\n\r\n");
  }

  @Test
  void anOddTransferEncodingHeaderIsPassedOn() throws IOException {
    origin.enqueue(new MockResponse.Builder().addHeader("Transfer-Encoding", "XYZ").body("raw").build());

    String proxied = exchange(proxy.port(), get("/odd")).utf8();

    assertThat(proxied).contains("\r\nTransfer-Encoding: XYZ\r\n").endsWith("\r\n\r\nraw");
  }

  @Test
  void theOriginSeesNoHeaderTheClientDidNotSend() throws Exception {
    origin.enqueue(new MockResponse.Builder().body("ok").build());

    exchange(proxy.port(), "GET /plain?q=1 HTTP/1.1\r\nHost: proxy\r\nX-Mine: yes\r\n"
        + "Connection: close, X-Hop\r\nX-Hop: dropped\r\n\r\n");

    RecordedRequest seen = seen();
    assertThat(seen.getTarget()).isEqualTo("/plain?q=1");
    assertThat(seen.getHeaders().get("X-Mine")).isEqualTo("yes");
    assertThat(seen.getHeaders().names())
        .doesNotContain("Accept-Encoding", "User-Agent", "X-Hop", "Date");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "M-SEARCH"})
  void theMethodAndBodyBytesReachTheOriginUnchanged(String method) throws Exception {
    origin.enqueue(new MockResponse.Builder().code(204).build());
    String body = "{\"a\": [1, 2]}\u00e9";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    String answer = exchange(proxy.port(), method + " /m HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n" + body).utf8();

    RecordedRequest seen = seen();
    assertThat(answer).startsWith("HTTP/1.1 204 ");
    assertThat(seen.getMethod()).isEqualTo(method);
    assertThat(seen.getBody()).isEqualTo(ByteString.of(bytes));
    assertThat(seen.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void aChunkedRequestBodyReachesTheOriginWhole() throws Exception {
    origin.enqueue(new MockResponse.Builder().code(201).build());

    exchange(proxy.port(), "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");

    assertThat(seen().getBody()).isEqualTo(ByteString.encodeUtf8("hello world"));
  }

  @Test
  void anOriginThatClosesTheConnectionGetsTheClientABadGateway() throws IOException {
    origin.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    String answer = exchange(proxy.port(), "GET /gone HTTP/1.1\r\nHost: x\r\n\r\n").utf8();

    assertThat(answer).startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("\r\nConnection: close\r\n");
  }

  @Test
  void aKeptAliveConnectionCarriesSeveralExchanges() throws IOException {
    origin.enqueue(new MockResponse.Builder().body("one").build());
    origin.enqueue(new MockResponse.Builder().body("two").build());

    String both = exchange(proxy.port(), "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").utf8();

    assertThat(both).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\ntwo").contains("\r\n\r\none");
  }

  /** The next request the origin received, waiting a bounded time for it. */
  private RecordedRequest seen() throws InterruptedException {
    RecordedRequest request = origin.takeRequest(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(request).as("a request reached the origin").isNotNull();
    return request;
  }

  /** A response after which the origin closes the connection, so a direct read ends. */
  private static MockResponse.Builder closing() {
    return new MockResponse.Builder().onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  }

  private ByteString direct(MockResponse response, String request) throws IOException {
    origin.enqueue(response);
    return exchange(origin.getPort(), request);
  }

  private ByteString viaProxy(MockResponse response, String request) throws IOException {
    origin.enqueue(response);
    return exchange(proxy.port(), request);
  }

  /** Writes {@code request} as it is and reads everything the server sends until it closes. */
  private static ByteString exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return ByteString.of(in.readAllBytes());
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
