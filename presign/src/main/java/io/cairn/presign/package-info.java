/**
 * AWS Signature Version 4, JDK only: canonical requests ({@link io.cairn.presign.CanonicalRequest}), the
 * signing arithmetic for requests, aws-chunked chunks and trailers ({@link io.cairn.presign.SigV4}),
 * cached signing keys ({@link io.cairn.presign.SigningKeys}) and presigned URLs
 * ({@link io.cairn.presign.Presigner}). Used both to sign (the {@code cairn presign} command) and to
 * verify (the gateway's request authentication).
 */
package io.cairn.presign;
