package io.cairn.gateway.auth;

import io.cairn.presign.CredentialScope;

/**
 * What chunk signatures chain from: the request's signing key, timestamp and scope, and its own
 * signature as the seed.
 */
record ChunkSigningContext(byte[] signingKey, String amzDate, CredentialScope scope, String seedSignature) {
    @Override
    public String toString() {
        return "ChunkSigningContext[" + amzDate + ", " + scope.value() + "]";
    }
}
