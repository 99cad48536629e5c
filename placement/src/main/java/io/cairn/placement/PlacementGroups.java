package io.cairn.placement;

import java.nio.charset.StandardCharsets;

/**
 * The first level of placement: an object key to one of a fixed number of placement groups. The hash covers
 * {@code bucket + "/" + key} so one bucket's keys spread over all groups, and is XXH64 with seed 0: stable
 * across releases, platforms and JVMs, because the group of every stored object depends on it.
 */
public final class PlacementGroups {
    private final int groupCount;

    public PlacementGroups(int groupCount) {
        if (groupCount < 1) {
            throw new IllegalArgumentException("group count must be positive, not " + groupCount);
        }
        this.groupCount = groupCount;
    }

    public int groupCount() {
        return groupCount;
    }

    /** The group of an object key, in [0, groupCount). */
    public int groupOf(String bucket, String key) {
        return (int) Long.remainderUnsigned(keyHash(bucket, key), groupCount);
    }

    /** The stable 64-bit hash of {@code bucket/key} (its UTF-8 bytes). */
    public static long keyHash(String bucket, String key) {
        return XxHash64.hash((bucket + "/" + key).getBytes(StandardCharsets.UTF_8), 0);
    }
}
