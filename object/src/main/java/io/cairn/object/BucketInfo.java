package io.cairn.object;

import java.time.Instant;

public record BucketInfo(String name, Instant created) {
}
