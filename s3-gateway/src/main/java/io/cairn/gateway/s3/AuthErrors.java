package io.cairn.gateway.s3;

/** Maps the authentication layer's failures (request head and body verification) to S3 errors. */
final class AuthErrors {

    private AuthErrors() {
    }

    /** The S3 error for an authentication failure, or null if {@code t} is not one. */
    static S3Error map(Throwable t) {
        return null;
    }
}
