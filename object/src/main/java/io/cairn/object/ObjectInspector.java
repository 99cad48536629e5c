package io.cairn.object;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cairn inspect}: reads an object's manifests straight from the drive directories (no server
 * running), prints the agreed manifest and which drives disagree, and verifies every cell checksum of
 * every shard of every version.
 */
public final class ObjectInspector {

    /** Exit codes: every shard verified; some shard or manifest is damaged; the object cannot be read. */
    public static final int OK = 0;
    public static final int DAMAGED = 1;
    public static final int UNREADABLE = 2;

    private ObjectInspector() {
    }

    /** Drives in the order the server was started with; k+m must match that order's count. */
    public static int run(List<Path> driveDirs, int dataShards, int parityShards, String bucket, String key,
                          PrintStream out) {
        List<ShardStore> drives = new ArrayList<>();
        for (Path p : driveDirs) {
            drives.add(new FileShardStore(p));
        }
        StripeLayout layout = new StripeLayout(dataShards, parityShards, 1 << 20);
        try (ErasureObjectService service = new ErasureObjectService(drives, layout,
                ErasureObjectService.Options.defaults().withDriveTimeout(Duration.ofSeconds(30)))) {
            return inspect(service.erasureSet(), bucket, key, out);
        }
    }

    static int inspect(ErasureSet set, String bucket, String key, PrintStream out) {
        List<ShardStore> placement = set.placement(bucket, key);
        ManifestQuorum.Resolved r;
        try {
            r = set.readManifest(placement, bucket, key);
        } catch (QuorumException e) {
            out.println("unreadable: " + e.getMessage());
            return UNREADABLE;
        }
        if (!r.exists()) {
            out.println("absent: no manifest of " + bucket + "/" + key + " on a read quorum of drives");
            return UNREADABLE;
        }
        out.println(new String(r.bytes(), StandardCharsets.UTF_8));
        boolean damaged = false;
        for (int i = 0; i < placement.size(); i++) {
            String state = r.agrees()[i] ? "agrees" : r.reachable()[i] ? "STALE or missing" : "UNREACHABLE";
            damaged |= !r.agrees()[i];
            out.println("shard " + i + " drive " + placement.get(i).id() + ": manifest " + state);
        }
        for (Manifest.Version v : r.manifest().versions()) {
            for (Manifest.Part part : v.parts()) {
                boolean[] bad;
                try (PartReader reader = set.partReader(placement, v, bucket, key, part)) {
                    bad = reader.verifyAll();
                }
                for (int i = 0; i < bad.length; i++) {
                    damaged |= bad[i];
                    out.println("version " + v.versionId() + " part " + part.number() + " shard " + i + ": "
                            + (bad[i] ? "DAMAGED (missing, unreadable or failing its checksums)" : "ok"));
                }
                if (ManifestQuorum.count(bad) > v.parityShards()) {
                    out.println("version " + v.versionId() + " part " + part.number()
                            + ": more shards damaged than parity can rebuild");
                    return UNREADABLE;
                }
            }
        }
        out.println(damaged ? "damaged: heal can rebuild it" : "ok: every shard verified");
        return damaged ? DAMAGED : OK;
    }
}
