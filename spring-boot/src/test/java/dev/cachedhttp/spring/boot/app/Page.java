package dev.cachedhttp.spring.boot.app;

import java.util.List;

/**
 * A generic type of the test application.
 *
 * @param number the page number
 * @param items the items
 * @param <T> the type of the items
 */
public record Page<T>(int number, List<T> items) {}
