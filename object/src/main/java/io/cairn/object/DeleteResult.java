package io.cairn.object;

/** What a delete did: the version removed (or the delete marker written) and whether it is a marker. */
public record DeleteResult(String versionId, boolean deleteMarker) {
}
