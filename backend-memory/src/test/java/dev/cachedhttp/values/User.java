package dev.cachedhttp.values;

import java.util.List;

/** A value type for the value cache tests. */
public record User(int id, String name, List<String> roles) {}
