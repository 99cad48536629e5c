package io.cairn.gateway.s3;

import io.cairn.object.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One bucket of {@link MemoryObjectService}: its configuration documents and every key's versions, newest
 * first, keys in S3 order. Not thread-safe; the service's lock guards it.
 */
final class MemoryBucket {

    /** S3 lists keys in the order of their UTF-8 bytes (not Java's UTF-16 order). */
    static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** A version or delete marker and its bytes. */
    record Stored(ObjectInfo info, byte[] data) {
    }

    /** The bucket's versioning state, as its {@code versioning} configuration says. */
    enum Versioning {
        UNVERSIONED, ENABLED, SUSPENDED
    }

    private final Instant created;
    private final Map<String, String> config = new HashMap<>();
    private final NavigableMap<String, List<Stored>> keys = new TreeMap<>(KEY_ORDER);

    MemoryBucket(Instant created) {
        this.created = created;
    }

    Instant created() {
        return created;
    }

    Map<String, String> config() {
        return config;
    }

    Versioning versioning() {
        String status = config.get("versioning");
        if ("Enabled".equals(status)) {
            return Versioning.ENABLED;
        }
        return "Suspended".equals(status) ? Versioning.SUSPENDED : Versioning.UNVERSIONED;
    }

    /** Keys that have at least one version or delete marker, each with its versions newest first. */
    NavigableMap<String, List<Stored>> keys() {
        return keys;
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    List<Stored> versions(String key) {
        return keys.getOrDefault(key, List.of());
    }

    /** The key's current version, unless it has none or it is a delete marker. */
    Optional<ObjectInfo> current(String key) {
        return versions(key).stream().findFirst().map(Stored::info).filter(i -> !i.deleteMarker());
    }

    /** Makes {@code s} the newest version, replacing one with the same id (the null version). */
    void addNewest(Stored s) {
        List<Stored> versions = keys.computeIfAbsent(s.info().key(), k -> new ArrayList<>());
        versions.removeIf(v -> v.info().versionId().equals(s.info().versionId()));
        versions.add(0, s);
    }

    /** Replaces the version with the same id in place. */
    void replace(Stored s) {
        versions(s.info().key()).replaceAll(v -> v.info().versionId().equals(s.info().versionId()) ? s : v);
    }

    Optional<Stored> remove(String key, String versionId) {
        List<Stored> versions = keys.get(key);
        if (versions == null) {
            return Optional.empty();
        }
        Optional<Stored> removed = versions.stream().filter(v -> v.info().versionId().equals(versionId)).findFirst();
        removed.ifPresent(versions::remove);
        if (versions.isEmpty()) {
            keys.remove(key);
        }
        return removed;
    }
}
