package dev.cachedhttp.dynamodb.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stores a redirect alias: the target response key in {@link ItemAttributes#TARGET}. */
public final class RedirectItemCodec implements ItemCodec<String> {

  /** Creates the codec. */
  public RedirectItemCodec() {}

  @Override
  public Map<String, AttributeValue> encode(String target, Map<String, AttributeValue> envelope) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(envelope);
    item.put(ItemAttributes.FORMAT,
        AttributeValue.fromN(Integer.toString(ItemAttributes.CURRENT_FORMAT)));
    item.put(ItemAttributes.TARGET, AttributeValue.fromS(target));
    if (ItemSize.of(item) > ItemSize.WRITABLE_ITEM_BYTES) {
      throw new ItemTooLargeException("redirect item does not fit DynamoDB's item limit");
    }
    return item;
  }

  @Override
  public String decode(Map<String, AttributeValue> item) {
    Attributes a = new Attributes(item);
    a.checkFormat();
    return a.string(ItemAttributes.TARGET);
  }
}
