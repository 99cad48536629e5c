package io.cairn.gateway.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/** JVM memory, garbage collection and threads, read from the platform MXBeans at scrape time. */
public final class JvmMetrics {

    private JvmMetrics() {
    }

    public static void register(MetricsRegistry metrics) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        metrics.describe("jvm_memory_used_bytes", "JVM memory in use, by area.")
                .describe("jvm_memory_committed_bytes", "JVM memory committed, by area.")
                .describe("jvm_memory_max_bytes", "JVM memory limit, by area (-1 when unbounded).");
        metrics.gauge(() -> memory.getHeapMemoryUsage().getUsed(), "jvm_memory_used_bytes", "area", "heap");
        metrics.gauge(() -> memory.getNonHeapMemoryUsage().getUsed(), "jvm_memory_used_bytes", "area", "nonheap");
        metrics.gauge(() -> memory.getHeapMemoryUsage().getCommitted(), "jvm_memory_committed_bytes", "area", "heap");
        metrics.gauge(() -> memory.getNonHeapMemoryUsage().getCommitted(), "jvm_memory_committed_bytes",
                "area", "nonheap");
        metrics.gauge(() -> memory.getHeapMemoryUsage().getMax(), "jvm_memory_max_bytes", "area", "heap");
        metrics.gauge(() -> memory.getNonHeapMemoryUsage().getMax(), "jvm_memory_max_bytes", "area", "nonheap");

        metrics.describe("jvm_gc_collections_total", "Garbage collections, by collector.")
                .describe("jvm_gc_collection_seconds_total", "Time spent in garbage collection, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            metrics.functionCounter(gc::getCollectionCount, "jvm_gc_collections_total", "gc", gc.getName());
            metrics.functionCounter(() -> gc.getCollectionTime() / 1000.0, "jvm_gc_collection_seconds_total", "gc", gc.getName());
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        metrics.describe("jvm_threads_current", "Live threads.")
                .describe("jvm_threads_daemon", "Live daemon threads.")
                .describe("jvm_threads_peak", "Most live threads since the JVM started.");
        metrics.gauge(threads::getThreadCount, "jvm_threads_current");
        metrics.gauge(threads::getDaemonThreadCount, "jvm_threads_daemon");
        metrics.gauge(threads::getPeakThreadCount, "jvm_threads_peak");
    }
}
