package io.cairn.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The TLS side of outgoing connections with mutual authentication: presents the files' certificate and
 * accepts a server only when a CA of the files' trusted CA signed its certificate (host names are not
 * checked: see the node protocol's documentation). Renewed files are used by connections opened after.
 */
public final class ClientTls {

    private final RenewingContext context;

    private ClientTls(RenewingContext context) {
        this.context = context;
    }

    /**
     * Loads {@code files} now; they must name a trusted CA.
     *
     * @throws TlsFilesException when the files cannot make a TLS context
     */
    public static ClientTls open(String purpose, PemFiles files) {
        return open(purpose, files, ServerTls.CHECK_INTERVAL, System::nanoTime);
    }

    static ClientTls open(String purpose, PemFiles files, Duration checkInterval, LongSupplier nanoTime) {
        if (files.trustedCa() == null) {
            throw new TlsFilesException("TLS for " + purpose + ": a client needs the CA that signs its servers");
        }
        return new ClientTls(new RenewingContext(purpose, files, SslContexts::client, checkInterval, nanoTime));
    }

    /** Event loop: the handler of a new connection to {@code host:port}, first in its pipeline. */
    public SslHandler newHandler(Channel channel, String host, int port) {
        return context.current().newHandler(channel.alloc(), host, port);
    }
}
