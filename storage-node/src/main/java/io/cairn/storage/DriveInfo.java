package io.cairn.storage;

/**
 * A drive's state: {@code problem} says why it is offline when it knows (null when online or unknown).
 */
public record DriveInfo(String id, boolean online, long totalBytes, long freeBytes, String problem) {

    public DriveInfo(String id, boolean online, long totalBytes, long freeBytes) {
        this(id, online, totalBytes, freeBytes, null);
    }
}
