package io.cairn.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.storage.CorruptShardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-key manifest: every version of one object, newest first. The same bytes are written to every
 * drive of the object's placement, so copies can be compared byte for byte. Documented in docs/FORMAT.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record Manifest(int format, List<Version> versions) {

    static final int FORMAT = 1;
    /** The version id of objects written while versioning is off (S3's "null" version). */
    static final String NULL_VERSION = "null";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    Manifest {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    static Manifest empty() {
        return new Manifest(FORMAT, List.of());
    }

    /**
     * One version of the object. {@code mtime} is epoch milliseconds. The scheme fields say how its parts
     * were coded, so a later change of the store's scheme keeps old versions readable.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Version(String versionId, boolean deleteMarker, long mtime, long size, String etag,
                   int dataShards, int parityShards, int stripeSize, Map<String, String> metadata,
                   List<Part> parts, byte[] inline) {
        Version {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            parts = parts == null ? List.of() : List.copyOf(parts);
        }

        /** A version whose data is in shard files (or none: a delete marker, an upload record). */
        Version(String versionId, boolean deleteMarker, long mtime, long size, String etag, int dataShards,
                int parityShards, int stripeSize, Map<String, String> metadata, List<Part> parts) {
            this(versionId, deleteMarker, mtime, size, etag, dataShards, parityShards, stripeSize, metadata, parts,
                    null);
        }

        Version withMetadata(Map<String, String> newMetadata) {
            return new Version(versionId, deleteMarker, mtime, size, etag, dataShards, parityShards, stripeSize,
                    newMetadata, parts, inline);
        }
    }

    /**
     * One erasure-coded segment of a version: its data directory and file name on each drive, when it was
     * written (epoch millis) and its own metadata (per-part checksums).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(int number, long size, String etag, String dataDir, long mtime, Map<String, String> metadata) {
        Part {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        String fileName() {
            return "part." + number;
        }
    }

    Optional<Version> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0));
    }

    Optional<Version> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /** A manifest with {@code v} as the newest version, replacing any version with the same id. */
    Manifest withNewest(Version v) {
        List<Version> list = new ArrayList<>(versions.size() + 1);
        list.add(v);
        for (Version old : versions) {
            if (!old.versionId().equals(v.versionId())) {
                list.add(old);
            }
        }
        return new Manifest(FORMAT, list);
    }

    Manifest without(String versionId) {
        return new Manifest(FORMAT, versions.stream().filter(v -> !v.versionId().equals(versionId)).toList());
    }

    Manifest replacing(Version v) {
        return new Manifest(FORMAT, versions.stream().map(o -> o.versionId().equals(v.versionId()) ? v : o).toList());
    }

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a manifest; a malformed document is reported like a corrupt shard. */
    static Manifest parse(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new CorruptShardException("malformed manifest: " + e.getMessage(), e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
