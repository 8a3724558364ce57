package dev.cachedhttp.spring.boot.app;

/** A type of the test application, allowed through its auto-configuration package. */
public record User(int id, String name) {}
