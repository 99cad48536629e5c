package io.cairn.gateway.auth;

import io.cairn.presign.SigV4;
import io.cairn.presign.SigningCredentials;
import java.util.Objects;

/** One user: the access key that names it, its secret, and the name shown as owner in listings. */
public record Credentials(String accessKey, String secretKey, String displayName) {
    public Credentials {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * The S3 canonical user id (64 hex digits) shown as Owner/ID: derived from the access key so it is
     * stable across restarts without being stored.
     */
    public String canonicalId() {
        return SigV4.sha256Hex("cairn-user:" + accessKey);
    }

    public SigningCredentials signing() {
        return new SigningCredentials(accessKey, secretKey);
    }

    /** Never prints the secret: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "Credentials[accessKey=" + accessKey + ", displayName=" + displayName + ", secretKey=****]";
    }
}
