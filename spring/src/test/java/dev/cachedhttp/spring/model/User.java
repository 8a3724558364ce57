package dev.cachedhttp.spring.model;

/** A type the tests allow. */
public record User(int id, String name) {}
