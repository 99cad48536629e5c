package io.cairn.cli;

import io.cairn.gateway.http.PublicEndpoint;
import io.cairn.gateway.http.TrustedProxies;
import io.cairn.tls.PemFiles;
import io.cairn.tls.ServerTls;
import io.cairn.tls.TlsFilesException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How clients reach the S3 endpoint of {@code cairn server}: HTTPS with PEM files, and the URL the server names
 * itself by in the URLs it writes; docs/OPERATIONS.md ("TLS") explains them.
 */
final class S3EndpointOptions {

    static final String TLS_CERT = "--tls-cert";
    static final String TLS_KEY = "--tls-key";
    static final String PUBLIC_URL = "--public-url";

    @Option(names = TLS_CERT, paramLabel = "FILE",
            description = "PEM certificate chain (the certificate, then its intermediates): serve HTTPS (TLS 1.2"
                    + " and 1.3) instead of plain HTTP. Renewed files are used by new connections within seconds,"
                    + " without a restart.")
    Path tlsCert;

    @Option(names = TLS_KEY, paramLabel = "FILE",
            description = "PEM private key of " + TLS_CERT + ": PKCS#8 (BEGIN PRIVATE KEY), RSA or EC, not encrypted.")
    Path tlsKey;

    @Option(names = PUBLIC_URL, paramLabel = "URL",
            description = "The URL clients reach this server at (https://s3.example.com), written into URN mint"
                    + " answers and POST Object Location (default: the scheme and Host of each request).")
    String publicUrl;

    @Option(names = "--trusted-proxies", paramLabel = "CIDR,...",
            description = "Reverse proxies whose X-Forwarded-Proto and X-Forwarded-Host say what the client used,"
                    + " e.g. 10.0.0.0/8,192.168.1.7 (default: none is believed).")
    String trustedProxies;

    /** The HTTPS side, or null for plain HTTP; the files are loaded now, so bad ones stop the start. */
    ServerTls tls() {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException(TLS_CERT + " and " + TLS_KEY + " go together: HTTPS needs both");
        }
        try {
            return ServerTls.open("S3 endpoint", PemFiles.of(tlsCert, tlsKey));
        } catch (TlsFilesException e) {
            throw new IllegalArgumentException(TLS_CERT + "/" + TLS_KEY + ": " + e.getMessage(), e);
        }
    }

    PublicEndpoint publicEndpoint() {
        TrustedProxies proxies = TrustedProxies.parse(trustedProxies);
        if (publicUrl == null || publicUrl.isBlank()) {
            return PublicEndpoint.fromRequest(proxies);
        }
        try {
            return PublicEndpoint.fixed(new URI(publicUrl.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PUBLIC_URL + " is not a URL: " + publicUrl);
        }
    }
}
