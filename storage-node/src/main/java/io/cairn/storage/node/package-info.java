/**
 * The storage node: {@link io.cairn.storage.node.StorageNodeServer} serves a node's drives over a small
 * authenticated RPC over HTTP/1.1, and {@link io.cairn.storage.node.StorageNodeClient} is a remote drive
 * as a {@link io.cairn.storage.ShardStore}, so the object layer cannot tell local from remote drives.
 * The wire protocol is documented in docs/FORMAT.md, "Node protocol".
 */
package io.cairn.storage.node;
