package io.cairn.erasure;

/** Fewer than k shards are present, so the data cannot be rebuilt. */
public final class NotEnoughShardsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotEnoughShardsException(String message) {
        super(message);
    }
}
