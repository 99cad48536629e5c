package io.cairn.object;

/** The multipart upload does not exist. */
public class UploadNotFoundException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    public UploadNotFoundException(String message) {
        super(message);
    }

    public UploadNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
