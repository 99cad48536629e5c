package io.cairn.presign;

import java.util.Objects;

/** An access key and its secret, as needed to sign. */
public record SigningCredentials(String accessKey, String secretKey) {
    public SigningCredentials {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    /** Never prints the secret: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "SigningCredentials[accessKey=" + accessKey + ", secretKey=****]";
    }
}
