package io.cairn.gateway.metrics;

import io.cairn.gateway.health.DriveProbe;
import io.cairn.gateway.health.DriveState;
import io.cairn.object.ErasureObjectService;
import io.cairn.storage.ShardStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per drive and erasure-coding series: drive online and free bytes (from the cached drive probe, so a
 * scrape never waits on a hung drive), drive I/O errors and checksum failures (counted by
 * {@link MeteredShardStore}), and the object layer's degraded reads, reconstructions and heal progress.
 */
public final class StoreMetrics {

    static final String DRIVE_ONLINE = "cairn_drive_online";
    static final String DRIVE_FREE = "cairn_drive_free_bytes";
    static final String DRIVE_TOTAL = "cairn_drive_total_bytes";
    static final String DRIVE_IO_ERRORS = "cairn_drive_io_errors_total";
    static final String DRIVE_CHECKSUM = "cairn_drive_checksum_failures_total";

    private StoreMetrics() {
    }

    /** Wraps every drive in a {@link MeteredShardStore} counting into {@code metrics}; drive labels are 1-based. */
    public static List<ShardStore> meter(MetricsRegistry metrics, List<ShardStore> drives) {
        metrics.describe(DRIVE_IO_ERRORS, "Drive calls that failed because the drive was unusable (I/O error, missing, timeout).")
                .describe(DRIVE_CHECKSUM, "Shard reads that failed their cell checksums.");
        List<ShardStore> metered = new ArrayList<>(drives.size());
        for (int i = 0; i < drives.size(); i++) {
            String drive = Integer.toString(i + 1);
            metered.add(new MeteredShardStore(drives.get(i),
                    metrics.counter(DRIVE_IO_ERRORS, "drive", drive),
                    metrics.counter(DRIVE_CHECKSUM, "drive", drive)));
        }
        return metered;
    }

    public static void registerDrives(MetricsRegistry metrics, DriveProbe probe) {
        metrics.describe(DRIVE_ONLINE, "1 when the drive answered its last probe and is usable, else 0.")
                .describe(DRIVE_FREE, "Bytes free on the drive's file system (-1 when unknown).")
                .describe(DRIVE_TOTAL, "Size of the drive's file system in bytes (-1 when unknown).");
        for (int i = 0; i < probe.driveCount(); i++) {
            int index = i;
            String drive = Integer.toString(i + 1);
            metrics.gauge(() -> state(probe, index, s -> s.online() ? 1 : 0), DRIVE_ONLINE, "drive", drive);
            metrics.gauge(() -> state(probe, index, DriveState::freeBytes), DRIVE_FREE, "drive", drive);
            metrics.gauge(() -> state(probe, index, DriveState::totalBytes), DRIVE_TOTAL, "drive", drive);
        }
    }

    private static double state(DriveProbe probe, int index, ToDoubleFunction<DriveState> value) {
        return value.applyAsDouble(probe.states().get(index));
    }

    public static void registerErasure(MetricsRegistry metrics, ErasureObjectService objects) {
        metrics.describe("cairn_erasure_degraded_reads_total",
                        "Reads of an object part that lost a shard on the way and were served from parity.")
                .describe("cairn_erasure_reconstructed_stripes_total",
                        "Stripes decoded from parity to serve client reads.")
                .describe("cairn_heal_queue_length", "Objects waiting to be healed.")
                .describe("cairn_heal_objects_healed_total", "Objects whose shards or manifests heal rebuilt.");
        metrics.functionCounter(objects::degradedReads, "cairn_erasure_degraded_reads_total");
        metrics.functionCounter(objects::stripesReconstructed, "cairn_erasure_reconstructed_stripes_total");
        metrics.gauge(objects::healQueueLength, "cairn_heal_queue_length");
        metrics.functionCounter(objects::objectsHealed, "cairn_heal_objects_healed_total");
    }
}
