package io.cairn.cluster;

import io.cairn.object.ObjectPlacement;
import io.cairn.storage.ShardStore;
import java.util.List;

/**
 * The placement of whichever epoch this process serves now; a committed new epoch replaces it in one step,
 * so every request sees one epoch's placement (with its fallback to the previous one) from start to end of
 * each call.
 */
final class EpochPlacement implements ObjectPlacement {

    private volatile ClusterPlacement current;

    EpochPlacement(ClusterPlacement initial) {
        this.current = initial;
    }

    ClusterPlacement current() {
        return current;
    }

    void switchTo(ClusterPlacement next) {
        current = next;
    }

    @Override
    public List<ShardStore> drives() {
        return current.drives();
    }

    @Override
    public List<ShardStore> placement(String bucket, String key) {
        return current.placement(bucket, key);
    }
}
