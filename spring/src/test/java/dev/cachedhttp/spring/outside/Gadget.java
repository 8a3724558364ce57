package dev.cachedhttp.spring.outside;

/** A type the tests do not allow, as if written into a shared table by someone else. */
public record Gadget(int id, String command) {}
