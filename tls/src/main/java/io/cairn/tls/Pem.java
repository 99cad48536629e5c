package io.cairn.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM blocks of certificate and key files. Text around and between blocks is ignored, as tools
 * that write bundles often put a subject line before each certificate. Keys are read by the JDK alone, so
 * only PKCS#8 is understood; the older forms get a message that says how to convert them.
 */
final class Pem {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** The key algorithms a TLS certificate of ours may have; tried in turn on a PKCS#8 key. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "RSASSA-PSS", "Ed25519", "Ed448");
    private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8";

    private Pem() {
    }

    record Block(String label, byte[] der) {
    }

    static List<Block> blocks(byte[] text, Path file) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(new String(text, StandardCharsets.US_ASCII));
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsFilesException(file + ": a " + m.group(1) + " block is not valid base64", e);
            }
        }
        return out;
    }

    /** Every CERTIFICATE block, in file order; at least one. */
    static List<X509Certificate> certificates(byte[] text, Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(text, file)) {
                if (b.label().equals("CERTIFICATE")) {
                    out.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsFilesException(file + ": not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new TlsFilesException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return out;
    }

    /** The one private key of a file, PKCS#8 and not encrypted. */
    static PrivateKey privateKey(byte[] text, Path file) {
        for (Block b : blocks(text, file)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(b.der(), file);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new TlsFilesException(file + ": the key is in the "
                        + (b.label().startsWith("RSA") ? "PKCS#1" : "SEC1") + " form (" + b.label()
                        + "); a PKCS#8 key (BEGIN PRIVATE KEY) is needed: " + TO_PKCS8);
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsFilesException(file
                        + ": the key is encrypted; a key without a passphrase is needed: " + TO_PKCS8);
                default -> {
                    // certificates or parameters next to the key: not the key
                }
            }
        }
        throw new TlsFilesException(file + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new TlsFilesException(file + ": a PKCS#8 key of an algorithm other than " + KEY_ALGORITHMS);
    }
}
