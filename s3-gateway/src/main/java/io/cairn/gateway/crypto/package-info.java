/**
 * Server-side encryption at rest: SSE-S3 (keys sealed under the master key) and SSE-C (keys sealed under
 * the customer's key, which is never stored). Object data is encrypted before erasure coding, in
 * fixed-size AES-256-GCM packages ({@link io.cairn.gateway.crypto.PackageFormat}), so a range read
 * decrypts only the packages it touches. Everything the gateway needs to read an encrypted object back is
 * kept in the object's metadata under {@code cairn-sse-*} keys, never returned as headers.
 *
 * <p>This package knows nothing of HTTP or S3 error codes: it throws {@link
 * io.cairn.gateway.crypto.SseException}, and the S3 layer maps it once. docs/FORMAT.md ("Encryption")
 * describes the bytes.
 */
package io.cairn.gateway.crypto;
