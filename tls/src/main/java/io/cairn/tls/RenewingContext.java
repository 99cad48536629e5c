package io.cairn.tls;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS context that follows its PEM files. Asked for the context (once per new connection), it reads the
 * files again when the last look is older than the check interval, and builds a new context when their
 * contents changed. Connections already open keep the context they started with. Files that cannot make a
 * context (a renewal caught halfway, a typo) leave the current one in use, with one warning per version of
 * the files; the next look tries again, so the renewal is taken as soon as it is complete.
 */
final class RenewingContext {

    private static final Logger LOG = LoggerFactory.getLogger(RenewingContext.class);
    /** Certificates that expire within this get a warning at every load. */
    private static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final String purpose;
    private final PemFiles files;
    private final Function<TlsIdentity, SslContext> build;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private volatile SslContext current;
    private volatile long nextCheck;
    private byte[] loaded;
    private byte[] refused;

    /** Loads the files now; fails when they cannot make a context. */
    RenewingContext(String purpose, PemFiles files, Function<TlsIdentity, SslContext> build, Duration interval,
                    LongSupplier nanoTime) {
        this.purpose = purpose;
        this.files = files;
        this.build = build;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        PemContents contents = PemContents.read(files);
        TlsIdentity identity = TlsIdentity.parse(files, contents);
        this.current = build.apply(identity);
        this.loaded = contents.digest();
        this.nextCheck = nanoTime.getAsLong() + intervalNanos;
        LOG.info("TLS for {}: certificate {} from {}", purpose, identity.describe(), files.certificateChain());
        warnIfExpiring(identity);
    }

    /** The context for a new connection: the newest the files make. */
    SslContext current() {
        long now = nanoTime.getAsLong();
        if (now - nextCheck >= 0) {
            synchronized (this) {
                if (now - nextCheck >= 0) {
                    nextCheck = now + intervalNanos;
                    renewIfChanged();
                }
            }
        }
        return current;
    }

    private void renewIfChanged() {
        PemContents contents;
        try {
            contents = PemContents.read(files);
        } catch (TlsFilesException e) {
            // A file replaced by rename can be missing for an instant; the next look finds it.
            LOG.debug("TLS for {}: {}", purpose, e.getMessage());
            return;
        }
        if (contents.sameAs(loaded) || contents.sameAs(refused)) {
            return;
        }
        try {
            TlsIdentity identity = TlsIdentity.parse(files, contents);
            current = build.apply(identity);
            loaded = contents.digest();
            refused = null;
            LOG.info("TLS for {}: renewed certificate {} in use for new connections", purpose, identity.describe());
            warnIfExpiring(identity);
        } catch (RuntimeException e) {
            // Whatever the files hold, a connection must still get a context: the one that worked.
            refused = contents.digest();
            LOG.warn("TLS for {}: the changed files are not used, the previous certificate stays: {}", purpose,
                    e instanceof TlsFilesException ? e.getMessage() : e.toString());
        }
    }

    private void warnIfExpiring(TlsIdentity identity) {
        Instant notAfter = identity.certificate().getNotAfter().toInstant();
        Instant now = Instant.now();
        if (notAfter.isBefore(now)) {
            LOG.warn("TLS for {}: the certificate expired at {}; clients will refuse it", purpose, notAfter);
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            LOG.warn("TLS for {}: the certificate expires at {}; renew it (new files are picked up without"
                    + " a restart)", purpose, notAfter);
        }
    }
}
