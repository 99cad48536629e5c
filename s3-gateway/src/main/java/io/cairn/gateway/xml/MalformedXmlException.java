package io.cairn.gateway.xml;

import java.io.IOException;

/** A request document that is not well-formed, too large, or not of the expected shape. */
public final class MalformedXmlException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedXmlException(String message) {
        super(message);
    }
}
