/**
 * The erasure object layer: objects, versions and multipart uploads over a list of
 * {@link io.cairn.storage.ShardStore}s, with quorum writes, degraded reads and heal-on-read. Knows no HTTP
 * and no S3 wire format; the gateway's operation classes translate its exceptions into S3 errors.
 */
package io.cairn.object;
