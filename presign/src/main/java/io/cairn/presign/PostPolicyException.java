package io.cairn.presign;

/**
 * A POST policy that is malformed, expired or not met by the form. The message is the text S3 puts in its
 * error ("Invalid according to Policy: ..."); the reason tells which S3 error it becomes.
 */
public final class PostPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the form was refused. */
    public enum Reason {
        /** The policy is not a valid document: S3's InvalidPolicyDocument. */
        MALFORMED,
        /** Expired, or a condition or field rule failed: S3's AccessDenied. */
        DENIED,
        /** The file is larger than content-length-range allows. */
        TOO_LARGE,
        /** The file is smaller than content-length-range allows. */
        TOO_SMALL,
        /** The signature over the policy does not match. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public PostPolicyException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
