package io.cairn.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The TLS side of a listener: one {@link SslHandler} per accepted connection, from the newest version of the
 * PEM files (looked at again at most every {@link #CHECK_INTERVAL}). With a trusted CA in the files, clients
 * must present a certificate that CA signed (mutual authentication).
 */
public final class ServerTls {

    /** How stale a renewal can go unnoticed; looking costs a read of a few kilobytes. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    private final RenewingContext context;
    private final boolean mutual;

    private ServerTls(RenewingContext context, boolean mutual) {
        this.context = context;
        this.mutual = mutual;
    }

    /**
     * Loads {@code files} now; {@code purpose} names the listener in the log ("S3 endpoint").
     *
     * @throws TlsFilesException when the files cannot make a TLS context
     */
    public static ServerTls open(String purpose, PemFiles files) {
        return open(purpose, files, CHECK_INTERVAL, System::nanoTime);
    }

    static ServerTls open(String purpose, PemFiles files, Duration checkInterval, LongSupplier nanoTime) {
        return new ServerTls(new RenewingContext(purpose, files, SslContexts::server, checkInterval, nanoTime),
                files.trustedCa() != null);
    }

    /** Event loop: the handler of a new connection, first in its pipeline. */
    public SslHandler newHandler(Channel channel) {
        return context.current().newHandler(channel.alloc());
    }

    /** Whether clients must present a certificate a trusted CA signed. */
    public boolean mutual() {
        return mutual;
    }
}
