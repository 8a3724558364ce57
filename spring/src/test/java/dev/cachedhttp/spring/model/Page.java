package dev.cachedhttp.spring.model;

import java.util.List;

/**
 * A generic type of the application, whose type parameter a value cannot reveal.
 *
 * @param number the page number
 * @param items the items of the page
 * @param <T> the type of the items
 */
public record Page<T>(int number, List<T> items) {}
