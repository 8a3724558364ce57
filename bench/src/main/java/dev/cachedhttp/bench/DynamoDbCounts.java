package dev.cachedhttp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cachedhttp.CacheInfo;
import dev.cachedhttp.dynamodb.internal.ItemSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * (4) Counts the DynamoDB requests of a miss, the first hit and a repeated hit, and redirected
 * requests, and measures the
 * stored item of a 1 KB, 32 KB and 256 KB JSON body, against DynamoDB Local; writes them as JSON
 * for {@link Report}. Usage: {@code DynamoDbCounts OUTPUT.json}.
 */
public final class DynamoDbCounts {
  private final ObjectMapper json = new ObjectMapper();
  private final ArrayNode requests = json.createArrayNode();
  private final ArrayNode items = json.createArrayNode();

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: DynamoDbCounts OUTPUT.json");
    }
    DynamoDbCounts counts = new DynamoDbCounts();
    for (String size : Bodies.SIZES) {
      counts.measure(Integer.parseInt(size));
    }
    ObjectNode root = counts.json.createObjectNode();
    root.set("requests", counts.requests);
    root.set("items", counts.items);
    counts.json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), root);
    System.out.println(counts.json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    System.exit(0); // DynamoDB Local leaves non-daemon threads behind
  }

  private void measure(int size) throws IOException {
    try (DynamoDbSetup setup = DynamoDbSetup.start(Bodies.json(size))) {
      String key = count(setup, size, "miss", "/items", 0, "miss").cacheKey();
      count(setup, size, "first hit in this process", "/items", 0, "hit");
      count(setup, size, "hit", "/items", 0, "hit");
      count(setup, size, "miss, 1 redirect", "/redirect/1/a", 1, "miss");
      count(setup, size, "hit, first URL of 1 redirect", "/redirect/1/a", 1, "hit");
      count(setup, size, "hit, redirect target URL (alias)", "/redirect/0/a", 0, "hit");
      count(setup, size, "miss, 2 redirects", "/redirect/2/b", 2, "miss");
      item(setup, size, key);
    }
  }

  private CacheInfo count(DynamoDbSetup setup, int size, String scenario, String path, int hops,
      String expected) throws IOException {
    setup.counter().reset();
    Request request = new Request.Builder().url(setup.origin().url(path)).build();
    CacheInfo info;
    try (Response response = setup.client().newCall(request).execute()) {
      response.body().bytes();
      info = CacheInfo.of(response);
    }
    if (info.fromCache() != "hit".equals(expected)) {
      throw new IllegalStateException(scenario + " was not a " + expected + ": " + info);
    }
    ObjectNode row = requests.addObject();
    row.put("size", size);
    row.put("scenario", scenario);
    row.put("kind", expected);
    row.put("hops", hops);
    row.put("requests", setup.counter().total());
    row.set("byOperation", json.valueToTree(setup.counter().byOperation()));
    return info;
  }

  private void item(DynamoDbSetup setup, int size, String key) {
    Map<String, AttributeValue> item = setup.uncountedClient().getItem(r -> r
        .tableName(setup.tableName())
        .key(Map.of("namespace", AttributeValue.fromS("responses"),
            "key", AttributeValue.fromS(key)))).item();
    if (item == null || item.isEmpty()) {
      throw new IllegalStateException("no item stored under " + key);
    }
    ObjectNode row = items.addObject();
    row.put("size", size);
    row.put("itemBytes", ItemSize.of(item));
    row.put("bodyEncoding", item.get("body_encoding").s());
  }
}
