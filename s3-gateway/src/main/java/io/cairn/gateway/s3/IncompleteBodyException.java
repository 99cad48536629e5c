package io.cairn.gateway.s3;

import java.io.IOException;

/** The client stopped sending the body (disconnect, idle timeout) before its declared end. */
public final class IncompleteBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    public IncompleteBodyException(String message) {
        super(message);
    }
}
