package io.cairn.object;

/** The requested version id does not exist for the key (S3's NoSuchVersion). */
public class VersionNotFoundException extends ObjectNotFoundException {
    private static final long serialVersionUID = 1L;

    public VersionNotFoundException(String message, String versionId) {
        super(message, false, versionId);
    }
}
