package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.storage.ShardStore;
import io.cairn.storage.VolumeExistsException;
import io.cairn.storage.VolumeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Readies the drives a new epoch adds before the epoch is committed: every bucket exists on every drive and
 * bucket configuration is read with a quorum of all drives, so the new drives get every bucket's volume and
 * a copy of the configuration a majority of the old drives agree on. Run again, it changes nothing.
 */
final class NewDrives {

    static final String SYSTEM_VOLUME = ".cairn.sys";
    private static final String CONFIG_PREFIX = "buckets/";
    private static final int PAGE = 1000;

    private NewDrives() {
    }

    /** The drive ids {@code next} has and {@code before} has not. */
    static List<String> added(ClusterMap before, ClusterMap next) {
        Set<String> old = new TreeSet<>();
        before.nodes().forEach(n -> n.drives().forEach(d -> old.add(d.id())));
        List<String> out = new ArrayList<>();
        for (Node n : next.nodes()) {
            for (Drive d : n.drives()) {
                if (!old.contains(d.id())) {
                    out.add(d.id());
                }
            }
        }
        return out;
    }

    /** Returns the number of bucket volumes the new drives were given. */
    static int prepare(ClusterMap before, ClusterMap next, Function<String, ShardStore> stores) {
        List<ShardStore> oldDrives = new ArrayList<>();
        before.nodes().forEach(n -> n.drives().forEach(d -> oldDrives.add(stores.apply(d.id()))));
        Set<String> buckets = new TreeSet<>();
        for (ShardStore d : oldDrives) {
            try {
                d.listVolumes().stream().map(VolumeInfo::name).filter(v -> !v.startsWith(".")).forEach(buckets::add);
            } catch (RuntimeException offline) {
                // the others still name every bucket a write quorum created
            }
        }
        List<ShardStore> fresh = added(before, next).stream().map(stores).toList();
        for (ShardStore d : fresh) {
            create(d, SYSTEM_VOLUME);
            buckets.forEach(b -> create(d, b));
        }
        for (String key : configKeys(oldDrives)) {
            byte[] agreed = majority(oldDrives, key);
            if (agreed != null) {
                fresh.forEach(d -> d.writeManifest(SYSTEM_VOLUME, key, agreed));
            }
        }
        return buckets.size();
    }

    private static void create(ShardStore d, String volume) {
        try {
            d.createVolume(volume);
        } catch (VolumeExistsException done) {
            // a re-run
        }
    }

    private static Set<String> configKeys(List<ShardStore> drives) {
        Set<String> keys = new TreeSet<>();
        for (ShardStore d : drives) {
            try {
                String after = "";
                while (true) {
                    var page = d.list(SYSTEM_VOLUME, CONFIG_PREFIX, after, PAGE);
                    keys.addAll(page.keys());
                    if (!page.truncated() || page.keys().isEmpty()) {
                        break;
                    }
                    after = page.keys().get(page.keys().size() - 1);
                }
            } catch (RuntimeException offline) {
                // listed by the others
            }
        }
        return keys;
    }

    /** The copy more than half of the drives hold byte for byte, or null. */
    private static byte[] majority(List<ShardStore> drives, String key) {
        List<byte[]> copies = new ArrayList<>();
        for (ShardStore d : drives) {
            try {
                copies.add(d.readManifest(SYSTEM_VOLUME, key));
            } catch (RuntimeException none) {
                // counts as no copy
            }
        }
        for (byte[] c : copies) {
            long same = copies.stream().filter(o -> Arrays.equals(o, c)).count();
            if (same * 2 > drives.size()) {
                return c;
            }
        }
        return null;
    }
}
