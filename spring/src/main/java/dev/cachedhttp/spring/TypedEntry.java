package dev.cachedhttp.spring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a collection or map holding application types is stored as: the value's JSON with its
 * full type ({@code java.util.List<com.example.User>}), so it is read back as that type. The
 * type is a claim read from storage: {@link GenericTypes#parse} resolves it only through the
 * allowed types.
 *
 * @param type the value's type, as {@link GenericTypes#of} wrote it
 * @param value the value as JSON
 */
record TypedEntry(String type, JsonNode value) {}
