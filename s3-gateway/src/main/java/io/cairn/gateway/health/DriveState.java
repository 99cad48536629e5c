package io.cairn.gateway.health;

/**
 * One drive as the last probe saw it. {@code index} is its position in the server's drive list (1-based),
 * {@code error} says why it is offline (null when online); byte counts are -1 when unknown.
 */
public record DriveState(int index, String id, boolean online, long totalBytes, long freeBytes, String error) {
}
