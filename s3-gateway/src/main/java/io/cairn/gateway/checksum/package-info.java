/**
 * S3 flexible checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) in the wire form S3 uses (base64 of
 * big-endian bytes), and the composite checksum of multipart objects.
 */
package io.cairn.gateway.checksum;
