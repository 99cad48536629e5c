package io.cairn.gateway.admin;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.health.DriveProbe;
import io.cairn.gateway.health.DriveState;
import io.cairn.object.BucketInfo;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.ListRequest;
import io.cairn.object.ListResult;
import io.cairn.object.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The document behind {@code cairn admin info}. Object and byte counts come from a full listing of the
 * current versions of every bucket (there is no usage accounting yet): exact for a quiet store, a snapshot
 * in motion otherwise, and capped at {@link #COUNT_LIMIT} keys, past which they are marked partial.
 */
final class AdminInfo {

    static final String VERSION = "0.1.0";
    static final long COUNT_LIMIT = 1_000_000;

    private final ErasureObjectService objects;
    private final DriveProbe probe;
    private final Instant started;
    private final Map<String, Supplier<Object>> sections = new ConcurrentSkipListMap<>();

    AdminInfo(ErasureObjectService objects, DriveProbe probe, Instant started) {
        this.objects = objects;
        this.probe = probe;
        this.started = started;
    }

    /** Adds a section written by a part of the server that runs beside the gateway (the lifecycle job, ...). */
    void section(String name, Supplier<Object> value) {
        sections.put(name, value);
    }

    Map<String, Object> document(Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", VERSION);
        doc.put("startedAt", started.toString());
        doc.put("uptimeSeconds", Duration.between(started, now).toSeconds());
        StripeLayout layout = objects.layout();
        doc.put("scheme", Map.of("dataShards", layout.dataShards(), "parityShards", layout.parityShards(),
                "stripeSize", layout.stripeSize(), "readQuorum", objects.readQuorum(),
                "writeQuorum", objects.writeQuorum()));
        List<Map<String, Object>> drives = new ArrayList<>();
        int online = 0;
        for (DriveState s : probe.states()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("drive", s.index());
            d.put("id", s.id());
            d.put("state", s.online() ? "online" : "offline");
            d.put("totalBytes", s.totalBytes());
            d.put("freeBytes", s.freeBytes());
            if (s.error() != null) {
                d.put("error", s.error());
            }
            drives.add(d);
            online += s.online() ? 1 : 0;
        }
        doc.put("drivesOnline", online);
        doc.put("drives", drives);
        doc.put("usage", usage());
        doc.put("heal", Map.of("queueLength", objects.healQueueLength(), "objectsHealed", objects.objectsHealed(),
                "degradedReads", objects.degradedReads(), "stripesReconstructed", objects.stripesReconstructed()));
        sections.forEach((name, value) -> doc.put(name, value.get()));
        return doc;
    }

    private Map<String, Object> usage() {
        long count = 0;
        long bytes = 0;
        boolean partial = false;
        List<BucketInfo> buckets = objects.listBuckets();
        for (BucketInfo b : buckets) {
            String after = null;
            while (count < COUNT_LIMIT) {
                ListResult page = objects.listObjects(b.name(), new ListRequest("", null, after, 1000));
                for (ObjectInfo o : page.objects()) {
                    count++;
                    bytes += o.size();
                }
                if (!page.truncated() || page.nextMarker() == null) {
                    break;
                }
                after = page.nextMarker();
            }
            partial |= count >= COUNT_LIMIT;
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("buckets", buckets.size());
        usage.put("objects", count);
        usage.put("bytes", bytes);
        usage.put("method", partial ? "listing, stopped at " + COUNT_LIMIT + " objects" : "listing");
        return usage;
    }
}
