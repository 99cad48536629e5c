package io.cairn.object;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Object lock (WORM) as the object layer enforces it. A version's lock lives in its metadata under the S3
 * header names: a retention mode ({@link #GOVERNANCE} or {@link #COMPLIANCE}) with a retain-until instant, and
 * a legal hold ({@code ON}/{@code OFF}). The object layer refuses, under the key's write lock, every change
 * that would remove a held version or weaken its hold, whatever path asks (DeleteObject with a version id,
 * DeleteObjects, and later lifecycle expiry): the gateway decides who may ask, this class what nobody may do.
 *
 * <ul>
 *   <li>A legal hold ON blocks removal until it is turned OFF (turning it off is a permission question).</li>
 *   <li>COMPLIANCE blocks removal until its date; nobody may shorten it, remove it or change its mode.</li>
 *   <li>GOVERNANCE blocks removal until its date unless the caller bypasses governance retention; without
 *       the bypass it may only be extended (same mode, a later or equal date).</li>
 * </ul>
 */
public final class ObjectLock {

    public static final String MODE = "x-amz-object-lock-mode";
    public static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    public static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
    public static final String GOVERNANCE = "GOVERNANCE";
    public static final String COMPLIANCE = "COMPLIANCE";

    private ObjectLock() {
    }

    /** Whether {@code metadata} carries any lock setting. */
    public static boolean present(Map<String, String> metadata) {
        return metadata.containsKey(MODE) || metadata.containsKey(RETAIN_UNTIL) || metadata.containsKey(LEGAL_HOLD);
    }

    /** {@link ObjectLockedException} unless the version with {@code metadata} may be removed at {@code now}. */
    public static void checkRemoval(Map<String, String> metadata, Instant now, boolean bypassGovernance) {
        if ("ON".equals(metadata.get(LEGAL_HOLD))) {
            throw new ObjectLockedException("Access Denied because object protected by object lock (legal hold).");
        }
        String mode = metadata.get(MODE);
        if (mode == null || !retainUntil(metadata).isAfter(now)) {
            return;
        }
        if (mode.equals(GOVERNANCE) && bypassGovernance) {
            return;
        }
        throw new ObjectLockedException("Access Denied because object protected by object lock ("
                + mode.toLowerCase(Locale.ROOT) + " retention until " + metadata.get(RETAIN_UNTIL) + ").");
    }

    /**
     * {@link ObjectLockedException} unless replacing a version's metadata {@code before} by {@code after} keeps
     * its retention as strong as the rules say (legal holds may change: that is a matter of permission).
     */
    public static void checkChange(Map<String, String> before, Map<String, String> after, Instant now,
                            boolean bypassGovernance) {
        String mode = before.get(MODE);
        if (mode == null || !retainUntil(before).isAfter(now)) {
            return;
        }
        boolean sameMode = mode.equals(after.get(MODE));
        boolean notShorter = after.containsKey(RETAIN_UNTIL) && !retainUntil(after).isBefore(retainUntil(before));
        if (sameMode && notShorter) {
            return;
        }
        if (mode.equals(GOVERNANCE) && bypassGovernance) {
            return;
        }
        throw new ObjectLockedException("Access Denied because object protected by object lock: " + mode
                + " retention until " + before.get(RETAIN_UNTIL) + " cannot be shortened, removed or changed"
                + (mode.equals(GOVERNANCE) ? " without bypassing governance retention." : "."));
    }

    /**
     * The retain-until instant of a version; an unreadable one counts as forever (a damaged date must not
     * release the version).
     */
    static Instant retainUntil(Map<String, String> metadata) {
        String value = metadata.get(RETAIN_UNTIL);
        if (value == null) {
            return Instant.MAX;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
