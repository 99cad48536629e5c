package io.cairn.gateway.s3;

import io.cairn.gateway.xml.Owner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The S3 owner shown in listings: a stable canonical id derived from the access key. */
final class Owners {

    private Owners() {
    }

    static Owner of(String accessKey) {
        String name = accessKey == null ? "anonymous" : accessKey;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return new Owner(HexFormat.of().formatHex(h), name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
