package io.cairn.gateway.object;

import java.time.Instant;

public record BucketInfo(String name, Instant created) {
}
