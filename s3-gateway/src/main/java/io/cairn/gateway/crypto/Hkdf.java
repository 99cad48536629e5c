package io.cairn.gateway.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869), and the unambiguous context strings our derivations use as "info". */
final class Hkdf {

    /** Salt of every derivation: fixed, so a key is a pure function of (secret, purpose, context). */
    private static final byte[] SALT = "cairn-sse-v1".getBytes(StandardCharsets.US_ASCII);

    private Hkdf() {
    }

    static byte[] derive(byte[] secret, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(secret, SALT, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    /**
     * The info string of a derivation: the purpose, then each part prefixed by its length in 4 bytes, so no
     * two (bucket, key) pairs give the same bytes whatever characters they contain.
     */
    static byte[] info(String purpose, String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(purpose.getBytes(StandardCharsets.UTF_8));
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
