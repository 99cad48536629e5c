package io.cairn.storage;

/** A shard whose bytes fail their cell checksums, or whose files are damaged. */
public class CorruptShardException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public CorruptShardException(String message) {
        super(message);
    }

    public CorruptShardException(String message, Throwable cause) {
        super(message, cause);
    }
}
