package io.cairn.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities and certificates made at test time, never from the network: a root, optional
 * intermediates, and leaf certificates for 127.0.0.1 and localhost usable by servers and clients alike
 * (a node presents the same certificate both ways). Keys are RSA or EC; files are written as PEM, keys as
 * PKCS#8 unless a test asks for the older PKCS#1 form.
 */
public final class TestPki {

    /** Key types a certificate can have. */
    public enum KeyType { RSA, EC }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    /** This authority's certificate and the ones above it, up to but without the root. */
    private final List<X509Certificate> chainAbove;

    private TestPki(X500Name name, KeyPair keys, X509Certificate certificate, List<X509Certificate> chainAbove) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
        this.chainAbove = chainAbove;
    }

    /** A self-signed root authority. */
    public static TestPki authority(String commonName) {
        X500Name subject = new X500Name("CN=" + commonName);
        KeyPair keys = generate(KeyType.EC);
        X509Certificate cert = sign(subject, keys.getPrivate(), subject, keys.getPublic(), true, List.of(),
                Duration.ofDays(365));
        return new TestPki(subject, keys, cert, List.of());
    }

    /** An intermediate authority this one signs; leaves it issues carry it in their chains. */
    public TestPki intermediate(String commonName) {
        X500Name subject = new X500Name("CN=" + commonName);
        KeyPair child = generate(KeyType.EC);
        X509Certificate cert = sign(name, keys.getPrivate(), subject, child.getPublic(), true, List.of(),
                Duration.ofDays(365));
        List<X509Certificate> above = new ArrayList<>();
        above.add(cert);
        above.addAll(chainAbove);
        return new TestPki(subject, child, cert, List.copyOf(above));
    }

    /** A leaf certificate for 127.0.0.1 and localhost, valid for 90 days, serving and authenticating clients. */
    public Issued issue(String commonName, KeyType type) {
        KeyPair leaf = generate(type);
        X509Certificate cert = sign(name, keys.getPrivate(), new X500Name("CN=" + commonName), leaf.getPublic(),
                false, List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")), Duration.ofDays(90));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(chainAbove);
        return new Issued(cert, leaf.getPrivate(), List.copyOf(chain));
    }

    /** This authority's own certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes this authority's certificate as PEM. */
    public Path writeCertificate(Path file) {
        return writeText(file, pem("CERTIFICATE", encoded(certificate)));
    }

    /** A client TLS context that trusts this authority only. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trust managers that accept what this authority signed, and nothing else. */
    public TrustManager[] trustManagers() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate with its key and its chain (itself, then the intermediates; not the root). */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        /** The chain to {@code dir/name.crt} and the PKCS#8 key to {@code dir/name.key}. */
        public PemFiles write(Path dir, String name) {
            return writeTo(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        }

        /** Overwrites (or creates) the two files, as a certificate renewal would. */
        public PemFiles writeTo(Path chainFile, Path keyFile) {
            StringBuilder pem = new StringBuilder();
            chain.forEach(c -> pem.append(pem("CERTIFICATE", encoded(c))));
            writeText(chainFile, pem.toString());
            writeText(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return PemFiles.of(chainFile, keyFile);
        }

        /** The key in the traditional form ("BEGIN RSA PRIVATE KEY" / "BEGIN EC PRIVATE KEY"), as openssl used to write. */
        public Path writeTraditionalKey(Path file) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return writeText(file, out.toString());
        }
    }

    private static X509Certificate sign(X500Name issuer, PrivateKey issuerKey, X500Name subject,
                                        PublicKey subjectKey, boolean ca, List<GeneralName> names,
                                        Duration validity) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)), subject, subjectKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
            if (type == KeyType.EC) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static Path writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
