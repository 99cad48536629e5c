package io.cairn.storage.node;

import io.cairn.storage.CorruptShardException;
import io.cairn.storage.DriveOfflineException;
import io.cairn.storage.KeyLeasedException;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStoreException;
import io.cairn.storage.StaleFencingTokenException;
import io.cairn.storage.VolumeExistsException;
import io.cairn.storage.VolumeNotEmptyException;
import java.util.function.Function;

/**
 * The exception families a node reports in the {@code X-Cairn-Error} header, so that the client rethrows
 * the type the drive threw. The wire names are written out, never derived from Java names.
 */
enum ErrorFamily {
    NOT_FOUND("NotFound", 404, NotFoundException::new),
    CORRUPT("Corrupt", 422, CorruptShardException::new),
    DRIVE_OFFLINE("DriveOffline", 503, DriveOfflineException::new),
    VOLUME_EXISTS("VolumeExists", 409, VolumeExistsException::new),
    VOLUME_NOT_EMPTY("VolumeNotEmpty", 409, VolumeNotEmptyException::new),
    INVALID_ARGUMENT("InvalidArgument", 400, IllegalArgumentException::new),
    INVALID_STATE("InvalidState", 409, IllegalStateException::new),
    UNAUTHORIZED("Unauthorized", 401, NodeAuthenticationException::new),
    STALE_FENCING_TOKEN("StaleFencingToken", 409, StaleFencingTokenException::new),
    KEY_LEASED("KeyLeased", 409, KeyLeasedException::new),
    OTHER("Other", 500, ShardStoreException::new);

    private final String wireName;
    private final int status;
    private final Function<String, RuntimeException> rebuild;

    ErrorFamily(String wireName, int status, Function<String, RuntimeException> rebuild) {
        this.wireName = wireName;
        this.status = status;
        this.rebuild = rebuild;
    }

    String wireName() {
        return wireName;
    }

    int status() {
        return status;
    }

    /** The family of an exception thrown by a drive; anything unexpected is {@link #OTHER}. */
    static ErrorFamily of(Throwable error) {
        if (error instanceof NotFoundException) {
            return NOT_FOUND;
        } else if (error instanceof CorruptShardException) {
            return CORRUPT;
        } else if (error instanceof DriveOfflineException) {
            return DRIVE_OFFLINE;
        } else if (error instanceof VolumeExistsException) {
            return VOLUME_EXISTS;
        } else if (error instanceof VolumeNotEmptyException) {
            return VOLUME_NOT_EMPTY;
        } else if (error instanceof IllegalArgumentException) {
            return INVALID_ARGUMENT;
        } else if (error instanceof IllegalStateException) {
            return INVALID_STATE;
        } else if (error instanceof NodeAuthenticationException) {
            return UNAUTHORIZED;
        } else if (error instanceof StaleFencingTokenException) {
            return STALE_FENCING_TOKEN;
        } else if (error instanceof KeyLeasedException) {
            return KEY_LEASED;
        }
        return OTHER;
    }

    /** The family named on the wire; an unknown name (a newer node) is {@link #OTHER}. */
    static ErrorFamily fromWire(String name) {
        for (ErrorFamily family : values()) {
            if (family.wireName.equals(name)) {
                return family;
            }
        }
        return OTHER;
    }

    RuntimeException toException(String message) {
        return rebuild.apply(message);
    }
}
