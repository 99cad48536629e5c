package io.cairn.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain with its private key and the authorities trusted for peers, parsed from
 * {@link PemContents} and checked: the key must be the certificate's, so that a renewal caught halfway (the
 * new certificate written, the old key still there) is refused instead of breaking every handshake.
 */
record TlsIdentity(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted) {

    TlsIdentity {
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
    }

    static TlsIdentity parse(PemFiles files, PemContents contents) {
        List<X509Certificate> chain = Pem.certificates(contents.certificateChain(), files.certificateChain());
        PrivateKey key = Pem.privateKey(contents.privateKey(), files.privateKey());
        List<X509Certificate> trusted = files.trustedCa() == null ? List.of()
                : Pem.certificates(contents.trustedCa(), files.trustedCa());
        if (!belongsTo(key, chain.get(0).getPublicKey())) {
            throw new TlsFilesException(files.privateKey() + " is not the key of the first certificate of "
                    + files.certificateChain() + " (" + chain.get(0).getSubjectX500Principal().getName()
                    + "); the certificate comes first in the file, then the intermediates");
        }
        return new TlsIdentity(key, chain, trusted);
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    /** Subject, serial and validity of the certificate, for the log. */
    String describe() {
        X509Certificate c = certificate();
        return c.getSubjectX500Principal().getName() + ", serial " + c.getSerialNumber().toString(16)
                + ", valid until " + c.getNotAfter().toInstant();
    }

    /** Signs a random message with the key and verifies it with the certificate's public key. */
    private static boolean belongsTo(PrivateKey key, PublicKey certificateKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // no generic check for this key type; the handshake will tell
        }
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && certificateKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        byte[] message = new byte[32];
        new SecureRandom().nextBytes(message);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new TlsFilesException("cannot check the key against its certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + describe() + ", trusting " + trusted.size() + " authorities]";
    }
}
