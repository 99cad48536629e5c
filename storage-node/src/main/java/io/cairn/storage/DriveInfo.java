package io.cairn.storage;

public record DriveInfo(String id, boolean online, long totalBytes, long freeBytes) {
}
