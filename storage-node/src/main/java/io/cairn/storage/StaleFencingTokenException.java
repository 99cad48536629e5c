package io.cairn.storage;

/**
 * A manifest write or delete carried a fencing token lower than one the drive already holds for the key: a
 * newer writer has locked the key since, so this writer's lease is over and its commit must not land.
 */
public class StaleFencingTokenException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public StaleFencingTokenException(String message) {
        super(message);
    }
}
