package io.cairn.storage.node;

import io.cairn.storage.ShardStoreException;

/** A node refused a request as unauthenticated: a wrong cluster secret, a skewed clock or a replay. */
public final class NodeAuthenticationException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public NodeAuthenticationException(String message) {
        super(message);
    }
}
