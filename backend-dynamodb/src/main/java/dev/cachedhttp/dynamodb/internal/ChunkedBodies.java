package dev.cachedhttp.dynamodb.internal;

import static dev.cachedhttp.dynamodb.internal.TableLayout.PARTITION_KEY;
import static dev.cachedhttp.dynamodb.internal.TableLayout.SORT_KEY;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Bodies too large for one item, split over chunk items in the head's partition. A head names its
 * chunks by a write id (random per write) and a count: chunk {@code i} has the sort key {@code
 * <head key>#chunk/<write id>/<i>} and carries {@code chunk_of} (the head's key), the write id,
 * its index, {@code data} (a slice of the stored body bytes) and the head's {@code evict_at} and
 * {@code ttl}. Chunks are written before the head, so a head never names chunks that were not
 * written; an overwrite writes new chunks under a new write id and then removes the old ones, so
 * a reader never mixes two writes. Listings tell chunks from entries by {@code chunk_of}
 * ({@link #ENTRIES_ONLY}). Reading checks every chunk against the head (key, write id, index,
 * size) before the body's CRC32C is checked as a whole; any mismatch makes the item unreadable.
 * Thread-safe.
 */
public final class ChunkedBodies {
  /** Head: how many chunks hold the body. */
  public static final String CHUNK_COUNT = "body_chunks";

  /** Head and chunk: the id of the write the chunks belong to. */
  public static final String WRITE_ID = "body_write_id";

  /** Chunk: the sort key of the head it belongs to. */
  public static final String CHUNK_OF = "chunk_of";

  /** Chunk: its position in the body, from 0. */
  public static final String CHUNK_INDEX = "chunk_index";

  /** Chunk: its slice of the stored body bytes. */
  public static final String DATA = "data";

  /** What separates a head's key from its chunks' suffix in a chunk's sort key. */
  public static final String KEY_MARK = "#chunk/";

  /** A filter expression that keeps entries and drops chunk items from a Query. */
  public static final String ENTRIES_ONLY = "attribute_not_exists(" + CHUNK_OF + ")";

  /** Bytes of body per chunk item: 350 KiB, leaving room for the keys under 400 KB. */
  public static final int CHUNK_BYTES = 350 * 1024;

  /** Chunks per {@code BatchGetItem}: within both its 100 keys and its 16 MB answer. */
  static final int CHUNKS_PER_GET = 40;

  /** Heads per {@code BatchGetItem} when only their chunk names are read. */
  static final int HEADS_PER_GET = 100;

  private static final String HEAD_NAMES = "#p, #k, " + CHUNK_COUNT + ", " + WRITE_ID;


  private static final SecureRandom IDS = new SecureRandom();

  private final Calls calls;
  private final long maxStoredBytes;
  private final int maxChunks;

  /**
   * Chunked bodies of a table.
   *
   * @param maxStoredBytes the largest stored body (bounds how many chunks a head may name)
   */
  public ChunkedBodies(Calls calls, long maxStoredBytes) {
    this.calls = calls;
    this.maxStoredBytes = maxStoredBytes;
    this.maxChunks = (int) Math.min(Integer.MAX_VALUE, (maxStoredBytes + CHUNK_BYTES - 1)
        / CHUNK_BYTES);
  }

  /** A head item and the chunk items its body was split into. */
  public record Split(Map<String, AttributeValue> head, List<Map<String, AttributeValue>> chunks) {}

  /** True when {@code item} is a head whose body is in chunk items. */
  public static boolean isChunked(Map<String, AttributeValue> item) {
    return item.containsKey(CHUNK_COUNT);
  }

  /**
   * Splits the {@code body} attribute (binary) of {@code item}, stored under {@code key}, into
   * chunk items under a new write id.
   *
   * @throws ItemTooLargeException when the stored body is larger than the bound, or the head
   *     still does not fit an item
   */
  public Split split(String key, Map<String, AttributeValue> item) {
    byte[] body = item.get(ItemAttributes.BODY).b().asByteArrayUnsafe();
    if (body.length > maxStoredBytes) {
      throw new ItemTooLargeException("response body of " + body.length + " bytes stored is "
          + "larger than maxBodyBytes (" + maxStoredBytes + "); not stored");
    }
    String writeId = HexFormat.of().formatHex(random());
    AttributeValue partition = item.get(PARTITION_KEY);
    List<Map<String, AttributeValue>> chunks = new ArrayList<>();
    for (int i = 0, from = 0; from < body.length; i++, from += CHUNK_BYTES) {
      int to = Math.min(body.length, from + CHUNK_BYTES);
      Map<String, AttributeValue> chunk = new LinkedHashMap<>();
      chunk.put(PARTITION_KEY, partition);
      chunk.put(SORT_KEY, AttributeValue.fromS(chunkKey(key, writeId, i)));
      chunk.put(CHUNK_OF, AttributeValue.fromS(key));
      chunk.put(WRITE_ID, AttributeValue.fromS(writeId));
      chunk.put(CHUNK_INDEX, AttributeValue.fromN(Integer.toString(i)));
      copy(item, chunk, ItemAttributes.EVICT_AT);
      copy(item, chunk, TableLayout.TTL_ATTRIBUTE);
      chunk.put(DATA, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(
          Arrays.copyOfRange(body, from, to))));
      chunks.add(chunk);
    }
    Map<String, AttributeValue> head = new LinkedHashMap<>(item);
    head.remove(ItemAttributes.BODY);
    head.put(WRITE_ID, AttributeValue.fromS(writeId));
    head.put(CHUNK_COUNT, AttributeValue.fromN(Integer.toString(chunks.size())));
    long size = ItemSize.of(head);
    if (size > ItemSize.WRITABLE_ITEM_BYTES) {
      throw new ItemTooLargeException("response head item of " + size + " bytes does not fit "
          + "DynamoDB's " + ItemSize.MAX_ITEM_BYTES + "-byte item limit; not stored");
    }
    return new Split(head, chunks);
  }

  private static byte[] random() {
    byte[] id = new byte[8];
    IDS.nextBytes(id);
    return id;
  }

  private static void copy(Map<String, AttributeValue> from, Map<String, AttributeValue> to,
      String attribute) {
    AttributeValue value = from.get(attribute);
    if (value != null) {
      to.put(attribute, value);
    }
  }

  /** The sort key of chunk {@code index} of the write {@code writeId} of the head {@code key}. */
  public static String chunkKey(String key, String writeId, int index) {
    return key + KEY_MARK + writeId + "/" + index;
  }

  /** Writes the chunks of {@code split} ({@code BatchWriteItem}s of up to 25), not the head. */
  public void writeChunks(Split split) {
    new BatchWrites(calls, calls.write()).put(split.chunks());
  }

  /**
   * The primary keys of the chunks {@code head} names (none when it is not chunked or names an
   * impossible number of them).
   */
  public List<Map<String, AttributeValue>> chunkKeys(Map<String, AttributeValue> head) {
    if (head == null || !isChunked(head)) {
      return List.of();
    }
    try {
      return chunkKeys(head, new Attributes(head));
    } catch (IllegalArgumentException damaged) {
      return List.of();
    }
  }

  private List<Map<String, AttributeValue>> chunkKeys(Map<String, AttributeValue> head,
      Attributes a) {
    int count = a.integer(CHUNK_COUNT);
    if (count < 1 || count > maxChunks) {
      throw new IllegalArgumentException("head names " + count + " chunks (at most " + maxChunks
          + ")");
    }
    String key = a.string(SORT_KEY);
    String writeId = a.string(WRITE_ID);
    String partition = a.string(PARTITION_KEY);
    List<Map<String, AttributeValue>> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(TableLayout.primaryKey(partition, chunkKey(key, writeId, i)));
    }
    return keys;
  }

  /**
   * The primary keys of the chunks named by the heads stored under {@code headKeys} (read with
   * {@code BatchGetItem}s of up to 100 keys, projected to what names the chunks).
   */
  public List<Map<String, AttributeValue>> chunkKeysOfHeads(
      List<Map<String, AttributeValue>> headKeys) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int from = 0; from < headKeys.size(); from += HEADS_PER_GET) {
      List<Map<String, AttributeValue>> group =
          headKeys.subList(from, Math.min(headKeys.size(), from + HEADS_PER_GET));
      for (Map<String, AttributeValue> head : BatchReads.fetch(calls, group, false, HEAD_NAMES,
          calls.admin())) {
        keys.addAll(chunkKeys(head));
      }
    }
    return keys;
  }

  /** Deletes the chunks {@code head} names, if any ({@code BatchWriteItem}s of up to 25). */
  public void deleteChunks(Map<String, AttributeValue> head) {
    List<Map<String, AttributeValue>> keys = chunkKeys(head);
    if (!keys.isEmpty()) {
      new BatchWrites(calls, calls.write()).delete(keys.stream());
    }
  }

  /**
   * Reads the chunks {@code head} names ({@code BatchGetItem}s of up to {@value
   * #CHUNKS_PER_GET}) and returns the head with its whole {@code body} attribute.
   *
   * @throws IllegalArgumentException when a chunk is missing or does not belong to the head
   */
  public Map<String, AttributeValue> assemble(Map<String, AttributeValue> head) {
    Attributes a = new Attributes(head);
    List<Map<String, AttributeValue>> keys = chunkKeys(head, a);
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += CHUNKS_PER_GET) {
      for (Map<String, AttributeValue> chunk
          : BatchReads.fetch(calls, keys.subList(from, Math.min(keys.size(),
              from + CHUNKS_PER_GET)), false, null, calls.write())) {
        found.put(chunk.get(SORT_KEY).s(), chunk);
      }
    }
    Buffer body = new Buffer();
    String key = a.string(SORT_KEY);
    String writeId = a.string(WRITE_ID);
    for (int i = 0; i < keys.size(); i++) {
      Map<String, AttributeValue> chunk = found.get(keys.get(i).get(SORT_KEY).s());
      if (chunk == null) {
        throw new IllegalArgumentException("chunk " + i + " of " + keys.size() + " is missing");
      }
      body.write(data(chunk, key, writeId, i, i == keys.size() - 1));
    }
    Map<String, AttributeValue> whole = new LinkedHashMap<>(head);
    whole.remove(CHUNK_COUNT);
    whole.remove(WRITE_ID);
    whole.put(ItemAttributes.BODY, AttributeValue.fromB(
        SdkBytes.fromByteArrayUnsafe(body.readByteArray())));
    return whole;
  }

  private static byte[] data(Map<String, AttributeValue> chunk, String key, String writeId,
      int index, boolean last) {
    Attributes c = new Attributes(chunk);
    if (!key.equals(c.string(CHUNK_OF)) || !writeId.equals(c.string(WRITE_ID))
        || c.integer(CHUNK_INDEX) != index) {
      throw new IllegalArgumentException("chunk " + index + " belongs to another entry or write");
    }
    AttributeValue data = chunk.get(DATA);
    if (data == null || data.b() == null) {
      throw new IllegalArgumentException("chunk " + index + " has no binary data");
    }
    byte[] bytes = data.b().asByteArrayUnsafe();
    if (bytes.length == 0 || bytes.length > CHUNK_BYTES || (!last && bytes.length != CHUNK_BYTES)) {
      throw new IllegalArgumentException("chunk " + index + " holds " + bytes.length + " bytes");
    }
    return bytes;
  }
}
