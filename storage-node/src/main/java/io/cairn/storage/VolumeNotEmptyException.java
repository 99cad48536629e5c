package io.cairn.storage;

/** The volume still holds manifests. */
public class VolumeNotEmptyException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public VolumeNotEmptyException(String message) {
        super(message);
    }

    public VolumeNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
