package io.cairn.cluster;

import io.cairn.object.ObjectPlacement;
import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.PlacementGroups;
import io.cairn.placement.PlacementPolicy;
import io.cairn.storage.ShardStore;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Objects placed by a cluster map: key -> placement group -> the group's ordered k+m drive ids (weighted
 * rendezvous hashing, at most one shard per node where there are enough nodes) -> the drive's
 * {@link ShardStore}, local or remote alike. Buckets and listings span every drive of the map.
 *
 * <p>With the previous epoch's map, a slot whose drive changed is a {@link MigratingDrive}: written on the
 * new drive, read from it or else from the previous epoch's drive, so nothing is unreadable while shards
 * move (docs/CLUSTER.md, "Adding a node"). A previous-epoch drive that the map no longer has belongs to a
 * removed node: its slots' {@link MigratingDrive}s treat it as departing ("Removing a node").
 */
public final class ClusterPlacement implements ObjectPlacement {

    private final ClusterMap map;
    private final ClusterMap previous;
    private final PlacementGroups groups;
    private final PlacementPolicy policy;
    private final Map<String, ShardStore> stores;
    private final List<ShardStore> all;
    /** Drive ids of the previous epoch that this one no longer has: their node was removed. */
    private final Set<String> departing;

    /** {@code stores} has one store per drive id of the map. */
    public ClusterPlacement(ClusterMap map, PlacementPolicy policy, Map<String, ShardStore> stores) {
        this(map, null, policy, stores);
    }

    /**
     * {@code previous}: the epoch before {@code map}, whose placements readers fall back to, or null;
     * {@code stores} has one store per drive id of both maps.
     */
    public ClusterPlacement(ClusterMap map, ClusterMap previous, PlacementPolicy policy,
                            Map<String, ShardStore> stores) {
        List<ShardStore> ordered = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node node : map.nodes()) {
            for (Drive drive : node.drives()) {
                ShardStore store = stores.get(drive.id());
                if (store == null) {
                    throw new IllegalArgumentException("no store for drive " + drive.id() + " of epoch " + map.epoch());
                }
                ordered.add(store);
                ids.add(drive.id());
            }
        }
        Set<String> gone = new HashSet<>();
        if (previous != null) {
            for (Node node : previous.nodes()) {
                for (Drive drive : node.drives()) {
                    if (!stores.containsKey(drive.id())) {
                        throw new IllegalArgumentException("no store for drive " + drive.id() + " of epoch "
                                + previous.epoch());
                    }
                    if (!ids.contains(drive.id())) {
                        gone.add(drive.id());
                    }
                }
            }
        }
        this.departing = Set.copyOf(gone);
        this.map = map;
        this.previous = previous;
        this.groups = new PlacementGroups(map.groupCount());
        this.policy = policy;
        this.stores = Map.copyOf(stores);
        this.all = List.copyOf(ordered);
    }

    public ClusterMap map() {
        return map;
    }

    /** The epoch readers fall back to, or null. */
    public ClusterMap previous() {
        return previous;
    }

    /** The store of a drive id of either epoch. */
    ShardStore store(String driveId) {
        return stores.get(driveId);
    }

    int groupOf(String bucket, String key) {
        return groups.groupOf(bucket, key);
    }

    /** The drive ids of a group under the current epoch. */
    List<String> driveIds(int group) {
        return policy.place(map, group).drives();
    }

    /** The drive ids of a group under the previous epoch (the current one when there is none). */
    List<String> previousDriveIds(int group) {
        return policy.place(previous == null ? map : previous, group).drives();
    }

    @Override
    public List<ShardStore> drives() {
        return all;
    }

    @Override
    public List<ShardStore> placement(String bucket, String key) {
        int group = groups.groupOf(bucket, key);
        List<String> ids = driveIds(group);
        List<ShardStore> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(stores.get(id));
        }
        if (previous == null) {
            return out;
        }
        List<String> before = previousDriveIds(group);
        for (int slot = 0; slot < ids.size(); slot++) {
            if (!ids.get(slot).equals(before.get(slot))) {
                out.set(slot, new MigratingDrive(out.get(slot), stores.get(before.get(slot)), before.get(slot), slot,
                        before.contains(ids.get(slot)), departing.contains(before.get(slot))));
            }
        }
        return out;
    }
}
