package io.cairn.object;

/** A GET or HEAD addressed a delete marker by its version id (S3 answers 405 MethodNotAllowed). */
public class DeleteMarkerException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    private final String versionId;

    public DeleteMarkerException(String message, String versionId) {
        super(message);
        this.versionId = versionId;
    }

    public String versionId() {
        return versionId;
    }
}
