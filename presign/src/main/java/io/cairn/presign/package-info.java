/**
 * AWS Signature Version 4 (JDK only, plus Jackson to read POST policy JSON): canonical requests
 * ({@link io.cairn.presign.CanonicalRequest}), the signing arithmetic for requests, aws-chunked chunks and
 * trailers ({@link io.cairn.presign.SigV4}), cached signing keys ({@link io.cairn.presign.SigningKeys}),
 * presigned URLs ({@link io.cairn.presign.Presigner}) and browser-upload POST policies: the document
 * ({@link io.cairn.presign.PostPolicy}), its signature ({@link io.cairn.presign.PostPolicySigner}) and
 * S3's checks of a submitted form against it ({@link io.cairn.presign.PostPolicyCheck}). Used both to
 * sign (the {@code cairn presign} command) and to verify (the gateway's request authentication).
 */
package io.cairn.presign;
