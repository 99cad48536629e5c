package io.cairn.object;

import java.time.Instant;

/**
 * Options of a delete. {@code bypassGovernance}: a GOVERNANCE retention does not hold the version back
 * ({@link ObjectLock}). {@code expectedModified}: act only if the version the delete acts on (the one named, or
 * the current one when none is) was last modified at exactly this instant, else
 * {@link PreconditionFailedException}; checked under the key's write lock, so a background job that decided
 * on what it listed never removes or hides a version written after it looked.
 */
public record DeleteOptions(boolean bypassGovernance, Instant expectedModified) {

    public static final DeleteOptions NONE = new DeleteOptions(false, null);

    public static DeleteOptions bypassGovernance(boolean bypass) {
        return bypass ? new DeleteOptions(true, null) : NONE;
    }

    /** Whether {@code mtime} (milliseconds) satisfies the expected modification time. */
    boolean expects(long mtime) {
        return expectedModified == null || expectedModified.toEpochMilli() == mtime;
    }
}
