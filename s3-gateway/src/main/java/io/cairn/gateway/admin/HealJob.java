package io.cairn.gateway.admin;

import io.cairn.object.ErasureObjectService;
import io.cairn.object.HealProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The heal started by {@code cairn admin heal}: at most one runs at a time, on its own thread, at a
 * bounded rate; its progress is what {@code GET /-/admin/heal} reports.
 */
final class HealJob implements AutoCloseable {

    private final ErasureObjectService objects;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairn-admin-heal");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String scope = "";
    private volatile String error;

    HealJob(ErasureObjectService objects) {
        this.objects = objects;
    }

    /** Starts a heal; false when one is already running. {@code bucket} null: every bucket. */
    boolean start(String bucket, String prefix, double objectsPerSecond) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        scope = (bucket == null ? "*" : bucket) + "/" + (prefix == null ? "" : prefix);
        error = null;
        thread.execute(() -> {
            try {
                objects.healAll(bucket, prefix, objectsPerSecond, p -> { });
            } catch (RuntimeException e) {
                error = e.getMessage();
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    /** The state of the running or last heal, as the admin endpoints answer it. */
    Map<String, Object> status() {
        Map<String, Object> doc = new LinkedHashMap<>();
        HealProgress p = objects.lastHealScan();
        doc.put("running", running.get());
        doc.put("scope", scope);
        if (p != null) {
            doc.put("scanned", p.scanned());
            doc.put("repaired", p.repaired());
            doc.put("failed", p.failed());
            doc.put("shardsRebuilt", p.shardsRebuilt());
            doc.put("done", p.done());
            doc.put("objectsPerSecond", Math.round(p.rate() * 10) / 10.0);
        }
        if (error != null) {
            doc.put("error", error);
        }
        return doc;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
