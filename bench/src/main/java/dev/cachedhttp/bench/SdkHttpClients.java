package dev.cachedhttp.bench;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The synchronous AWS SDK HTTP clients that resolve from Maven Central here, each built with the
 * timeouts the backend gives its own client (connect 1 s, socket 5 s).
 */
public enum SdkHttpClients {
  /** {@code url-connection-client}: the JDK's {@code HttpURLConnection}. */
  URL_CONNECTION {
    @Override
    SdkHttpClient.Builder<?> builder() {
      return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT).socketTimeout(SOCKET);
    }
  },
  /** {@code apache-client}: Apache HttpClient 4.5. */
  APACHE {
    @Override
    SdkHttpClient.Builder<?> builder() {
      return ApacheHttpClient.builder().connectionTimeout(CONNECT).socketTimeout(SOCKET);
    }
  },
  /** {@code apache5-client}: Apache HttpClient 5. */
  APACHE5 {
    @Override
    SdkHttpClient.Builder<?> builder() {
      return Apache5HttpClient.builder().connectionTimeout(CONNECT).socketTimeout(SOCKET);
    }
  },
  /** {@code aws-crt-client}: the AWS Common Runtime's native HTTP client. */
  CRT {
    @Override
    SdkHttpClient.Builder<?> builder() {
      return AwsCrtHttpClient.builder().connectionTimeout(CONNECT);
    }
  };

  private static final Duration CONNECT = Duration.ofSeconds(1);
  private static final Duration SOCKET = Duration.ofSeconds(5);

  /** A builder of a client of this kind, for a DynamoDB client builder to build and own. */
  abstract SdkHttpClient.Builder<?> builder();

  /** The Maven artifact of this client. */
  String artifact() {
    return switch (this) {
      case URL_CONNECTION -> "url-connection-client";
      case APACHE -> "apache-client";
      case APACHE5 -> "apache5-client";
      case CRT -> "aws-crt-client";
    };
  }
}
