package io.cairn.gateway.policy;

/** A policy document that cannot be accepted; the message says why, for the client. */
public final class MalformedPolicyException extends RuntimeException {

    public MalformedPolicyException(String reason) {
        super(reason);
    }
}
