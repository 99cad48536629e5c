package io.cairn.cluster;

import io.cairn.storage.ShardStore;
import io.cairn.storage.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The objects a migration has to look at, found by listing every drive of the new epoch. */
final class MovedObjects {

    private static final int PAGE = 1000;

    private MovedObjects() {
    }

    /** (bucket, key) of every object in a moved group: the merged listings of every drive of both epochs. */
    static List<String[]> in(ClusterPlacement placement, Set<Integer> groups) {
        Set<String> buckets = new TreeSet<>();
        List<ShardStore> all = new ArrayList<>();
        for (var n : placement.map().nodes()) {
            n.drives().forEach(d -> all.add(placement.store(d.id())));
        }
        for (ShardStore d : all) {
            try {
                d.listVolumes().stream().map(VolumeInfo::name).filter(v -> !v.startsWith(".")).forEach(buckets::add);
            } catch (RuntimeException offline) {
                // another drive names the same buckets
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String bucket : buckets) {
            Set<String> keys = new TreeSet<>();
            for (ShardStore d : all) {
                listInto(d, bucket, keys);
            }
            for (String key : keys) {
                if (groups.contains(placement.groupOf(bucket, key))) {
                    out.add(new String[] {bucket, key});
                }
            }
        }
        return out;
    }

    private static void listInto(ShardStore d, String bucket, Set<String> keys) {
        try {
            String after = "";
            while (true) {
                var page = d.list(bucket, "", after, PAGE);
                keys.addAll(page.keys());
                if (!page.truncated() || page.keys().isEmpty()) {
                    return;
                }
                after = page.keys().get(page.keys().size() - 1);
            }
        } catch (RuntimeException offline) {
            // the drives holding the key's other shards list it too
        }
    }
}
