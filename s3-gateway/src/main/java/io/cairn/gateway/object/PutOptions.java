package io.cairn.gateway.object;

import java.util.Map;

/**
 * Options of a write. {@code ifNoneMatchAny}: fail with {@link PreconditionFailedException} if the key
 * exists (conditional create). {@code ifMatchEtag}: fail unless the current version has this ETag.
 * Both are checked under the object's write lock, atomically with the commit.
 */
public record PutOptions(Map<String, String> metadata, boolean ifNoneMatchAny, String ifMatchEtag) {
    public PutOptions {
        metadata = Map.copyOf(metadata);
    }

    public static PutOptions of(Map<String, String> metadata) {
        return new PutOptions(metadata, false, null);
    }
}
