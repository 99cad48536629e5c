package io.cairn.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts for an identity. TLS 1.2 and 1.3 only: older versions have known attacks and every
 * client of the last decade speaks 1.2. The JDK provider, so the binary needs no native library; Netty's
 * default cipher list (forward secret AEAD suites) applies.
 */
final class SslContexts {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private SslContexts() {
    }

    /** A server context; with trusted authorities, a client without a certificate one of them signed is refused. */
    static SslContext server(TlsIdentity identity) {
        SslContextBuilder builder = SslContextBuilder.forServer(identity.key(), identity.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS);
        if (!identity.trusted().isEmpty()) {
            builder.trustManager(identity.trusted()).clientAuth(ClientAuth.REQUIRE);
        }
        return build(builder);
    }

    /**
     * A client context presenting the identity's certificate and accepting servers the trusted authorities
     * signed. Host names are not checked: peers are named by whatever address an operator listed, and the
     * authority is the cluster's own, which signs only the cluster's nodes; being signed by it is the identity.
     */
    static SslContext client(TlsIdentity identity) {
        return build(SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .keyManager(identity.key(), identity.chain())
                .trustManager(identity.trusted())
                .endpointIdentificationAlgorithm(null));
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsFilesException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
