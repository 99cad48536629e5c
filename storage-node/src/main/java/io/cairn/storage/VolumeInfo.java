package io.cairn.storage;

import java.time.Instant;

public record VolumeInfo(String name, Instant created) {
}
