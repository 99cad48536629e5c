package io.cairn.presign;

import java.util.Optional;

/** The "date/region/service/aws4_request" part of a SigV4 credential: where a signature is valid. */
public record CredentialScope(String date, String region, String service) {
    public static final String TERMINATOR = "aws4_request";

    /** The scope string as it appears in the credential and in every string to sign. */
    public String value() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    /** The whole credential value: access key, then the scope. */
    public String credential(String accessKey) {
        return accessKey + '/' + value();
    }

    /**
     * Splits "accessKey/date/region/service/aws4_request". Access keys never contain '/', so exactly five
     * non-empty parts are expected.
     */
    public static Optional<Parsed> parseCredential(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !TERMINATOR.equals(parts[4])) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Parsed(parts[0], new CredentialScope(parts[1], parts[2], parts[3])));
    }

    /** An access key with the scope it was used for. */
    public record Parsed(String accessKey, CredentialScope scope) {
    }
}
