package io.cairn.gateway.post;

import java.io.IOException;

/** The body is not well-formed multipart/form-data: S3's MalformedPOSTRequest. */
final class MalformedFormException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedFormException(String message) {
        super(message);
    }
}
