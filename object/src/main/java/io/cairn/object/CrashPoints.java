package io.cairn.object;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points on the commit paths where a test can stop the process dead, as a kill or a power cut would:
 * {@code -Dcairn.crash-at=POINT[:N]} (or the environment variable {@code CAIRN_CRASH_AT}) halts the JVM, without
 * running shutdown hooks or finishing anything in flight, the {@code N}-th time (default the first) the process
 * passes {@code POINT}. Unset, a pass costs one comparison. The points (docs/RELIABILITY.md lists them):
 * <ul>
 *   <li>{@code put.after-shards}: a PUT's shards are committed, no manifest names them yet;</li>
 *   <li>{@code commit.manifest}: one more drive took the new manifest of an object (PUT, overwrite, DELETE,
 *       multipart completion); {@code :N} counts drives over all such commits;</li>
 *   <li>{@code upload.manifest}: the same for a multipart upload's manifest (create, part, removal at
 *       completion or abort);</li>
 *   <li>{@code put.after-commit}, {@code delete.after-commit}: the manifest reached its quorum, the replaced
 *       version's data is not deleted yet;</li>
 *   <li>{@code multipart.after-move}: a completion moved the parts into the object, no manifest names them yet;</li>
 *   <li>{@code multipart.after-commit}: the completed object is committed, the upload is not removed yet;</li>
 *   <li>{@code multipart.abort.after-manifest}: an abort removed the upload's manifest, not yet its parts;</li>
 *   <li>{@code heal.after-shards}: a heal rebuilt shards, it has not repaired manifests yet;</li>
 *   <li>{@code heal.manifest}: one more drive took a heal's manifest repair;</li>
 *   <li>{@code outbox.after-intent}: a change's outbox entry is written, its manifest not committed yet.</li>
 * </ul>
 */
final class CrashPoints {

    /** The exit status of a process stopped at a crash point. */
    static final int EXIT_STATUS = 86;

    private static final String POINT;
    private static final int NTH;
    private static final AtomicInteger PASSES = new AtomicInteger();

    static {
        String spec = System.getProperty("cairn.crash-at", System.getenv("CAIRN_CRASH_AT"));
        String point = null;
        int nth = 1;
        if (spec != null && !spec.isBlank()) {
            int colon = spec.lastIndexOf(':');
            point = colon < 0 ? spec.trim() : spec.substring(0, colon).trim();
            nth = colon < 0 ? 1 : Integer.parseInt(spec.substring(colon + 1).trim());
        }
        POINT = point;
        NTH = nth;
    }

    private CrashPoints() {
    }

    /** Halts the process if {@code point} is the configured one and this is its configured pass. */
    static void pass(String point) {
        if (POINT != null && POINT.equals(point) && PASSES.incrementAndGet() == NTH) {
            System.err.println("crash point " + point + ":" + NTH + " reached: halting");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
