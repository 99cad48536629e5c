package io.cairn.object;

import io.cairn.storage.ShardStore;
import java.util.List;

/**
 * Where objects live: every drive of the store (for buckets and listings) and, per key, the ordered
 * k+m drives that hold its shards (shard i on entry i). Single node: {@link RotatingPlacement}; a
 * cluster supplies its own, over local and remote drives alike.
 */
public interface ObjectPlacement {

    List<ShardStore> drives();

    List<ShardStore> placement(String bucket, String key);
}
