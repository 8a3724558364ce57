package dev.cachedhttp.spi;

import java.util.Objects;

/**
 * One redirect a stored response went through: the URL requested and the redirect status it
 * answered with. URLs are redacted before they are stored.
 *
 * @param url the redacted URL of the hop
 * @param status the redirect status code, e.g. 301
 */
public record RedirectHop(String url, int status) {
  /** Creates a hop; {@code url} is required. */
  public RedirectHop {
    Objects.requireNonNull(url, "url");
  }
}
