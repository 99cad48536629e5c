package io.cairn.cli;

import io.cairn.tls.PemFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The node protocol's mutual TLS: this process's certificate and key, and the cluster CA whose certificates it
 * accepts from peers (and presents its own to). All three or none; docs/CLUSTER.md ("Node protocol over TLS").
 */
final class NodeTlsOptions {

    @Option(names = "--node-tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain of this node, signed by the cluster CA: the node protocol runs over"
                    + " TLS, both ways authenticated. Renewed files are used by new connections, no restart.")
    Path cert;

    @Option(names = "--node-tls-key", paramLabel = "FILE",
            description = "PEM private key of --node-tls-cert (PKCS#8, RSA or EC, not encrypted).")
    Path key;

    @Option(names = "--node-tls-ca", paramLabel = "FILE",
            description = "PEM certificate(s) of the cluster CA: peers must present a certificate it signed.")
    Path ca;

    /** The files, or null when the node protocol is plain. */
    PemFiles files() {
        if (cert == null && key == null && ca == null) {
            return null;
        }
        if (cert == null || key == null || ca == null) {
            throw new IllegalArgumentException("--node-tls-cert, --node-tls-key and --node-tls-ca go together:"
                    + " nodes authenticate each other with certificates of the cluster CA");
        }
        return PemFiles.of(cert, key).trusting(ca);
    }
}
