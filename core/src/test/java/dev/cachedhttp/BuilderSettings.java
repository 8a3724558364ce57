package dev.cachedhttp;

import dev.cachedhttp.internal.Settings;

/** Lets tests of internal classes take their settings from the public builder. */
public final class BuilderSettings {
  private BuilderSettings() {}

  /** The settings {@code builder} would hand to the cache it builds. */
  public static Settings of(CachedClient.Builder builder) {
    return builder.settings();
  }
}
