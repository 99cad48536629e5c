package io.cairn.gateway.s3;

/** Serves one {@link S3Operation}. Runs on a worker thread; may block on the object layer. */
@FunctionalInterface
public interface OperationHandler {
    S3Response handle(S3Call call) throws Exception;
}
