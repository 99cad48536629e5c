package io.cairn.object;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Options of a write. {@code ifNoneMatchAny}: fail with {@link PreconditionFailedException} if the key
 * exists (conditional create). {@code ifMatchEtag}: fail unless the current version has this ETag.
 * Both are checked under the object's write lock, atomically with the commit. {@code bodyMetadata} is
 * asked once the body has been read to its end, before the commit, for metadata that only the body
 * tells (checksums sent as trailers); it is merged over {@code metadata}. {@code origin} is an opaque tag
 * handed to the outbox hook ({@link CommitEvents.Change#origin()}), so it can tell a copy or a form upload
 * from a PUT; null when untagged.
 */
public record PutOptions(Map<String, String> metadata, boolean ifNoneMatchAny, String ifMatchEtag,
                         Supplier<Map<String, String>> bodyMetadata, String origin) {
    public PutOptions {
        metadata = Map.copyOf(metadata);
        bodyMetadata = bodyMetadata == null ? Map::of : bodyMetadata;
    }

    public PutOptions(Map<String, String> metadata, boolean ifNoneMatchAny, String ifMatchEtag,
                      Supplier<Map<String, String>> bodyMetadata) {
        this(metadata, ifNoneMatchAny, ifMatchEtag, bodyMetadata, null);
    }

    /** The same options, tagged for the outbox hook. */
    public PutOptions withOrigin(String newOrigin) {
        return new PutOptions(metadata, ifNoneMatchAny, ifMatchEtag, bodyMetadata, newOrigin);
    }

    public PutOptions(Map<String, String> metadata, boolean ifNoneMatchAny, String ifMatchEtag) {
        this(metadata, ifNoneMatchAny, ifMatchEtag, null);
    }

    public static PutOptions of(Map<String, String> metadata) {
        return new PutOptions(metadata, false, null);
    }

    /** The metadata to store: the request's, completed by what the body told. */
    Map<String, String> finalMetadata() {
        Map<String, String> late = bodyMetadata.get();
        if (late.isEmpty()) {
            return metadata;
        }
        Map<String, String> all = new HashMap<>(metadata);
        all.putAll(late);
        return all;
    }
}
