package dev.cachedhttp.spi;

import okhttp3.MediaType;

/** Facts about media types that the cache and backends share. Pure; thread-safe. */
public final class MediaTypes {
  private MediaTypes() {}

  /** True for a JSON media type: {@code application/json} or any {@code +json} suffix. */
  public static boolean isJson(MediaType type) {
    String subtype = type.subtype();
    return "json".equals(subtype) || subtype.endsWith("+json");
  }
}
