package io.cairn.storage;

/** A volume, manifest or shard that does not exist. */
public class NotFoundException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
