package io.cairn.gateway.admin;

import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardStoreException;
import java.util.List;

/**
 * {@code cairn admin drive replace}: takes an empty directory in place of a lost local drive into use. Never
 * automatic while the server runs: an unmounted disk leaves an empty mount point that looks exactly like a
 * new disk, and formatting it would fill the root file system (docs/OPERATIONS.md).
 */
final class DriveReplacement {

    /** Why a replacement was refused; the message is the operator's answer. */
    static final class RefusedException extends Exception {
        private final boolean conflict;

        RefusedException(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }

        /** True when the drive's state forbids it (409), false when the request is wrong (400). */
        boolean conflict() {
            return conflict;
        }
    }

    private final List<ShardStore> localDrives;

    /** {@code localDrives}: this process's drives in server order, unwrapped; null when it has none. */
    DriveReplacement(List<ShardStore> localDrives) {
        this.localDrives = localDrives == null ? List.of() : List.copyOf(localDrives);
    }

    /** Formats drive {@code index} (1-based) if it is empty; returns its new drive id. */
    String adopt(int index) throws RefusedException {
        if (index < 1 || index > localDrives.size()) {
            throw new RefusedException("no local drive " + index + " (this server has " + localDrives.size()
                    + ")", false);
        }
        if (!(localDrives.get(index - 1) instanceof FileShardStore drive)) {
            throw new RefusedException("drive " + index + " is not a directory of this process", false);
        }
        try {
            return drive.adoptEmpty();
        } catch (ShardStoreException e) {
            throw new RefusedException(e.getMessage(), true);
        }
    }
}
