package io.cairn.object;

/**
 * The object or version does not exist, or the current version is a delete marker: then
 * {@link #deleteMarker()} is true and {@link #versionId()} names the marker (S3 answers 404 with
 * {@code x-amz-delete-marker: true}).
 */
public class ObjectNotFoundException extends ObjectLayerException {
    private static final long serialVersionUID = 1L;

    private final boolean deleteMarker;
    private final String versionId;

    public ObjectNotFoundException(String message) {
        this(message, false, null);
    }

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
        this.deleteMarker = false;
        this.versionId = null;
    }

    public ObjectNotFoundException(String message, boolean deleteMarker, String versionId) {
        super(message);
        this.deleteMarker = deleteMarker;
        this.versionId = versionId;
    }

    public boolean deleteMarker() {
        return deleteMarker;
    }

    public String versionId() {
        return versionId;
    }
}
