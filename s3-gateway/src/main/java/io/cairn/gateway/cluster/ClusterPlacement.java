package io.cairn.gateway.cluster;

import io.cairn.gateway.object.ObjectPlacement;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.PlacementPolicy;
import io.cairn.storage.ShardStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Objects placed by a cluster map: key -> placement group -> the group's ordered k+m drive ids (weighted
 * rendezvous hashing, at most one shard per node where there are enough nodes) -> the drive's
 * {@link ShardStore}, local or remote alike. Buckets and listings span every drive of the map.
 */
public final class ClusterPlacement implements ObjectPlacement {

    private final ClusterMap map;
    private final PlacementPolicy policy;
    private final Map<String, ShardStore> stores;
    private final List<ShardStore> all;

    /** {@code stores} has one store per drive id of the map. */
    public ClusterPlacement(ClusterMap map, PlacementPolicy policy, Map<String, ShardStore> stores) {
        List<ShardStore> ordered = new ArrayList<>();
        for (Node node : map.nodes()) {
            for (Drive drive : node.drives()) {
                ShardStore store = stores.get(drive.id());
                if (store == null) {
                    throw new IllegalArgumentException("no store for drive " + drive.id() + " of epoch " + map.epoch());
                }
                ordered.add(store);
            }
        }
        this.map = map;
        this.policy = policy;
        this.stores = Map.copyOf(stores);
        this.all = List.copyOf(ordered);
    }

    public ClusterMap map() {
        return map;
    }

    @Override
    public List<ShardStore> drives() {
        return all;
    }

    @Override
    public List<ShardStore> placement(String bucket, String key) {
        List<String> ids = policy.place(map, bucket, key).drives();
        List<ShardStore> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(stores.get(id));
        }
        return out;
    }
}
