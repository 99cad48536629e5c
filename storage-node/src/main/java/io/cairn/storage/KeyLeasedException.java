package io.cairn.storage;

/** Another owner holds an unexpired lease on the key. */
public class KeyLeasedException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public KeyLeasedException(String message) {
        super(message);
    }
}
