package io.cairn.object;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bucket's versioning state, as stored in its {@code versioning} configuration ("Enabled",
 * "Suspended", or absent), and the version ids new versions get.
 *
 * <p>Version ids are 32 hex digits: 16 of a per-process strictly increasing microsecond clock, then 16
 * random. They sort by creation time and never collide across processes in practice.
 */
enum Versioning {
    UNVERSIONED, ENABLED, SUSPENDED;

    static final String CONFIG = "versioning";

    private static final AtomicLong LAST = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    static Versioning of(String status) {
        if ("Enabled".equals(status)) {
            return ENABLED;
        }
        return "Suspended".equals(status) ? SUSPENDED : UNVERSIONED;
    }

    /** The id a new version (or delete marker) gets in this state. */
    String newVersionId(long nowMillis) {
        if (this != ENABLED) {
            return Manifest.NULL_VERSION;
        }
        long micros = LAST.updateAndGet(prev -> Math.max(prev + 1, nowMillis * 1000));
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return String.format("%016x", micros) + HexFormat.of().formatHex(random);
    }

    static boolean isValidId(String id) {
        return Manifest.NULL_VERSION.equals(id) || id.length() == 32 && id.chars().allMatch(
                c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }
}
