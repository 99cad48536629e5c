package io.cairn.storage;

/** The volume already exists. */
public class VolumeExistsException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public VolumeExistsException(String message) {
        super(message);
    }

    public VolumeExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
