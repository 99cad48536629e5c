package io.cairn.object;

/** Too few drives answered to reach the read or write quorum; nothing wrong was returned or stored. */
public class QuorumException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public QuorumException(String message) {
        super(message);
    }

    public QuorumException(String message, Throwable cause) {
        super(message, cause);
    }
}
