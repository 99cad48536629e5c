/**
 * Request authentication: SigV4 Authorization header and presigned URLs checked from the request head
 * ({@link io.cairn.gateway.auth.RequestAuthenticator}), then the body verified while it streams
 * ({@link io.cairn.gateway.auth.AuthResult#wrapBody}): aws-chunked decoding with chunk and trailer
 * signatures, x-amz-content-sha256, Content-MD5, flexible checksums and lengths. Failures carry a
 * reason naming the S3 error code the HTTP layer answers with.
 */
package io.cairn.gateway.auth;
