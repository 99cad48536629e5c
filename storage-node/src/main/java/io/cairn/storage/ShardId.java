package io.cairn.storage;

/** The address of one shard on a drive: a part of one object version's data directory. */
public record ShardId(String volume, String key, String dataDir, String part) {
}
