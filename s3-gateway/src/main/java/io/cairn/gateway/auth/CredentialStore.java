package io.cairn.gateway.auth;

import java.util.Optional;

/** Finds the user an access key belongs to. */
public interface CredentialStore {
    Optional<Credentials> lookup(String accessKey);

    /**
     * Whether this access key is the root user's, who may act on every bucket; every other user acts only on
     * the buckets it created.
     */
    default boolean isRoot(String accessKey) {
        return false;
    }
}
