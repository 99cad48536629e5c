package io.cairn.cluster;

import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's own drive directories, opened as {@link FileShardStore}s under their wire ids d1..dN, each keeping
 * leases and fencing tokens for writers in other processes ({@link FencedShardStore}); the first also keeps
 * the node's committed and pending cluster maps ({@link EpochGate}).
 */
public final class LocalDrives {

    private LocalDrives() {
    }

    public static Map<String, ShardStore> open(List<Path> dirs) {
        Map<String, ShardStore> stores = new LinkedHashMap<>();
        for (int j = 0; j < dirs.size(); j++) {
            try {
                ShardStore drive = new FileShardStore(FileShardStore.createDriveDir(dirs.get(j)));
                // The first drive also keeps the node's record of the cluster map.
                stores.put(PeerList.wireDriveId(j), new FencedShardStore(j == 0 ? new EpochGate(drive) : drive));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create drive directory " + dirs.get(j), e);
            }
        }
        return stores;
    }
}
