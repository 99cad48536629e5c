package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a node request under the cluster secret. The string to sign is
 * <pre>
 * CAIRN-HMAC-SHA256 \n METHOD \n path \n query \n date \n nonce \n body SHA-256 (hex)
 * </pre>
 * with path and query exactly as they appear on the request line, so no canonical form is needed.
 */
final class RequestSigner {

    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    RequestSigner(byte[] clusterSecret) {
        if (clusterSecret == null || clusterSecret.length < 16) {
            throw new IllegalArgumentException("the cluster secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(clusterSecret.clone(), "HmacSHA256");
    }

    static String stringToSign(String method, String path, String query, String date, String nonce, String bodySha256) {
        return String.join("\n", NodeProtocol.SCHEME, method, path, query, date, nonce, bodySha256);
    }

    byte[] signature(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(stringToSign.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    String authorization(String stringToSign) {
        return NodeProtocol.SCHEME + " Signature=" + HEX.formatHex(signature(stringToSign));
    }

    /** Whether the {@code Authorization} header carries the right signature; constant time in the signature. */
    boolean verify(String authorization, String stringToSign) {
        String prefix = NodeProtocol.SCHEME + " Signature=";
        if (authorization == null || !authorization.startsWith(prefix)
                || authorization.length() != prefix.length() + 64) {
            return false;
        }
        byte[] presented;
        try {
            presented = HEX.parseHex(authorization, prefix.length(), authorization.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, signature(stringToSign));
    }

    /** SHA-256 of the concatenated buffers (a body may arrive in several), which are not moved. */
    static String sha256Hex(ByteBuffer... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ByteBuffer part : parts) {
                digest.update(part.duplicate());
            }
            return HEX.formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
