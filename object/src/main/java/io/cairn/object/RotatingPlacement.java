package io.cairn.object;

import io.cairn.storage.ShardStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-node placement: all local drives, rotated by a stable hash of bucket and key so that parity
 * shards (the last m of the placement) are spread evenly over the drives. Shard i of an object lives on
 * placement entry i.
 */
public final class RotatingPlacement implements ObjectPlacement {

    private final List<ShardStore> drives;

    public RotatingPlacement(List<ShardStore> drives) {
        if (drives.isEmpty()) {
            throw new IllegalArgumentException("no drives");
        }
        this.drives = List.copyOf(drives);
    }

    @Override
    public List<ShardStore> drives() {
        return drives;
    }

    @Override
    public List<ShardStore> placement(String bucket, String key) {
        int n = drives.size();
        int shift = (int) Long.remainderUnsigned(hash(bucket, key), n);
        List<ShardStore> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(drives.get((shift + i) % n));
        }
        return out;
    }

    /** FNV-1a 64 over "bucket/key" in UTF-8: stable across processes and versions. */
    static long hash(String bucket, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (bucket + "/" + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
