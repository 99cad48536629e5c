/**
 * The S3 API above HTTP: {@link io.cairn.gateway.s3.S3Router} turns a request head into an
 * {@link io.cairn.gateway.s3.S3Operation} and an {@link io.cairn.gateway.s3.S3Request};
 * {@link io.cairn.gateway.s3.S3Api} checks with {@link io.cairn.gateway.s3.BucketAccess} that the caller may
 * perform the operation (root, bucket policy, owner, ACLs; the IAM action of each operation is in
 * {@code S3Actions}), then dispatches to one class per operation family, which calls the
 * object layer and answers an {@link io.cairn.gateway.s3.S3Response}. Errors are decided only in
 * {@link io.cairn.gateway.s3.S3ExceptionMapper} and written only by {@link io.cairn.gateway.s3.ErrorResponses}.
 *
 * <p>Adding an operation family (multipart, copy, tagging, ...): write a final class taking the
 * {@code ObjectService} that implements {@link io.cairn.gateway.s3.OperationFamily}, putting one handler
 * per operation it serves. A package-private family of this package is built in the {@code S3Api}
 * constructor; a family in a package of its own (such as {@code cors}) imports this package and is passed to
 * {@code S3Api} by the code that builds it, so nothing here imports a family package. The router
 * already knows every AWS operation name; an operation without a handler answers 501 NotImplemented.
 * Handlers need no access checks of their own: every operation naming a bucket is checked before it runs
 * (a copy's source object too); only ListBuckets and CreateBucket look at owners themselves, and
 * DeleteObjects authorises each key.
 * Handlers throw {@link io.cairn.gateway.s3.S3Exception} for bad input and let object-layer exceptions
 * through; they never build error responses themselves. Metadata conventions (header names kept as
 * lowercase keys, checksums, tags) live in {@code ObjectHeaders} and {@code TagSets}.
 */
package io.cairn.gateway.s3;
