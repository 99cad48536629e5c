package io.cairn.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files of one TLS identity: the certificate chain (the certificate first, then the intermediates
 * that signed it), its private key (PKCS#8, RSA or EC, not encrypted) and, for mutual authentication, the
 * certificates of the authorities whose peers are accepted ({@code trustedCa}, null when peers are not
 * asked for certificates).
 */
public record PemFiles(Path certificateChain, Path privateKey, Path trustedCa) {

    public PemFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public static PemFiles of(Path certificateChain, Path privateKey) {
        return new PemFiles(certificateChain, privateKey, null);
    }

    /** The same identity, accepting peers whose certificates an authority of {@code ca} signed. */
    public PemFiles trusting(Path ca) {
        return new PemFiles(certificateChain, privateKey, Objects.requireNonNull(ca, "ca"));
    }
}
