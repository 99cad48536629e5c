/**
 * Storage of opaque shards and manifests on drives. Knows nothing of S3, erasure coding or placement:
 * a {@link io.cairn.storage.ShardStore} is one drive as the object layer sees it, whether it is a local
 * directory ({@link io.cairn.storage.FileShardStore}) or a remote node.
 */
package io.cairn.storage;
