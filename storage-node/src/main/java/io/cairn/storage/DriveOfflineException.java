package io.cairn.storage;

/** The drive cannot be used (missing root, I/O error, timeout). */
public class DriveOfflineException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public DriveOfflineException(String message) {
        super(message);
    }

    public DriveOfflineException(String message, Throwable cause) {
        super(message, cause);
    }
}
