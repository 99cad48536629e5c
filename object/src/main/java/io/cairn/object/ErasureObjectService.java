package io.cairn.object;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.ShardStore;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object layer over a set of drives ({@link ShardStore}s, local or remote alike): every object is cut
 * into stripes of k data and m parity cells, shard i on drive i of the key's placement.
 */
public final class ErasureObjectService implements ObjectService, AutoCloseable {

    /** Minimum size of every part but the last (S3's rule). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final ExecutorService io;
    private final ErasureSet set;
    private final BucketStore buckets;
    private final Healer healer;
    private final ObjectReads reads;
    private final ObjectWrites writes;
    private final ObjectLister lister;
    private final VersionLister versionLister;
    private final HealScanner scanner;
    private static final Logger LOG = LoggerFactory.getLogger(ErasureObjectService.class);
    private final ScheduledExecutorService backgroundHeal =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-background-heal");
                t.setDaemon(true);
                return t;
            });
    private final MultipartUploads multipart;

    public ErasureObjectService(List<ShardStore> drives, StripeLayout layout) {
        this(drives, layout, Options.defaults());
    }

    public ErasureObjectService(List<ShardStore> drives, StripeLayout layout, Options options) {
        this(new RotatingPlacement(requireSchemeSize(drives, layout)), layout, options);
    }

    private static List<ShardStore> requireSchemeSize(List<ShardStore> drives, StripeLayout layout) {
        if (drives.size() != layout.totalShards()) {
            throw new IllegalArgumentException("scheme " + layout.dataShards() + "+" + layout.parityShards()
                    + " needs " + layout.totalShards() + " drives, got " + drives.size());
        }
        return drives;
    }

    /** Over any placement (a cluster's); every key's placement must have exactly k+m drives. */
    public ErasureObjectService(ObjectPlacement placement, StripeLayout layout, Options options) {
        AtomicInteger n = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cairn-drive-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.set = new ErasureSet(placement, layout, new DriveCalls(io, options.driveTimeout()), options.clock(),
                options.keyLocks() == null ? new InProcessKeyLocks() : options.keyLocks());
        this.buckets = new BucketStore(set);
        this.healer = new Healer(set);
        this.reads = new ObjectReads(set, healer);
        this.writes = new ObjectWrites(set, options.inlineLimit());
        this.lister = new ObjectLister(set, reads);
        this.versionLister = new VersionLister(set);
        this.scanner = new HealScanner(set, buckets, healer);
        this.multipart = new MultipartUploads(set, writes, options.minPartSize());
    }

    /**
     * Tunables; the defaults suit a single server. {@code keyLocks} orders the writers of one key: in-process
     * locks for a single node, leases with fencing tokens on the drives for a cluster.
     */
    public record Options(Duration driveTimeout, long minPartSize, Clock clock, KeyLockService keyLocks,
                          int inlineLimit) {
        /** Objects up to this size are kept in their manifests (see docs/FORMAT.md). */
        public static final int DEFAULT_INLINE_LIMIT = 16 * 1024;

        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), MIN_PART_SIZE, Clock.systemUTC(), null, DEFAULT_INLINE_LIMIT);
        }

        public Options withDriveTimeout(Duration timeout) {
            return new Options(timeout, minPartSize, clock, keyLocks, inlineLimit);
        }

        public Options withMinPartSize(long size) {
            return new Options(driveTimeout, size, clock, keyLocks, inlineLimit);
        }

        public Options withKeyLocks(KeyLockService locks) {
            return new Options(driveTimeout, minPartSize, clock, locks, inlineLimit);
        }

        /** The clock of version times and of the bucket caches' lifetimes. */
        public Options withClock(Clock c) {
            return new Options(driveTimeout, minPartSize, c, keyLocks, inlineLimit);
        }

        /** Objects of at most {@code limit} bytes are inline: 0 only empty ones, -1 none. */
        public Options withInlineLimit(int limit) {
            return new Options(driveTimeout, minPartSize, clock, keyLocks, limit);
        }
    }

    public int readQuorum() {
        return set.readQuorum();
    }

    public int writeQuorum() {
        return set.writeQuorum();
    }

    public StripeLayout layout() {
        return set.layout();
    }

    public List<ShardStore> drives() {
        return set.drives();
    }

    // ---- buckets ----

    @Override
    public void createBucket(String bucket) {
        buckets.create(bucket);
    }

    @Override
    public void deleteBucket(String bucket) {
        buckets.head(bucket);
        if (versionLister.any(bucket)) {
            throw new BucketNotEmptyException("bucket " + bucket + " is not empty");
        }
        buckets.delete(bucket);
        buckets.deleteAllConfig(bucket);
        multipart.deleteAll(bucket);
    }

    @Override
    public BucketInfo headBucket(String bucket) {
        return buckets.head(bucket);
    }

    @Override
    public List<BucketInfo> listBuckets() {
        return buckets.list();
    }

    @Override
    public Optional<String> getBucketConfig(String bucket, String name) {
        buckets.head(bucket);
        return buckets.config(bucket, name);
    }

    @Override
    public void putBucketConfig(String bucket, String name, String value) {
        buckets.head(bucket);
        buckets.putConfig(bucket, name, value);
    }

    @Override
    public void deleteBucketConfig(String bucket, String name) {
        buckets.head(bucket);
        buckets.deleteConfig(bucket, name);
    }

    // ---- objects ----

    @Override
    public ObjectInfo putObject(String bucket, String key, InputStream body, long size, PutOptions options) {
        buckets.head(bucket);
        return writes.put(bucket, key, body, size, options, buckets.versioning(bucket));
    }

    @Override
    public ObjectInfo headObject(String bucket, String key, String versionId) {
        buckets.head(bucket);
        return reads.head(bucket, key, versionId);
    }

    @Override
    public ObjectContent getObject(String bucket, String key, String versionId, ByteRange range) {
        buckets.head(bucket);
        return reads.get(bucket, key, versionId, range);
    }

    @Override
    public DeleteResult deleteObject(String bucket, String key, String versionId, DeleteOptions options) {
        buckets.head(bucket);
        return writes.delete(bucket, key, versionId, buckets.versioning(bucket), options);
    }

    @Override
    public ObjectInfo updateMetadata(String bucket, String key, String versionId, Map<String, String> metadata,
                                     boolean bypassGovernance) {
        buckets.head(bucket);
        return writes.updateMetadata(bucket, key, versionId, metadata, bypassGovernance);
    }

    @Override
    public ListResult listObjects(String bucket, ListRequest request) {
        buckets.head(bucket);
        return lister.list(bucket, request);
    }

    @Override
    public ListVersionsResult listObjectVersions(String bucket, String prefix, String delimiter, String keyMarker,
                                                 String versionIdMarker, int maxKeys) {
        buckets.head(bucket);
        return versionLister.list(bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
    }

    // ---- multipart ----

    @Override
    public String createMultipartUpload(String bucket, String key, Map<String, String> metadata) {
        buckets.head(bucket);
        return multipart.create(bucket, key, metadata);
    }

    @Override
    public PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, InputStream body,
                               long size, Map<String, String> partMetadata) {
        buckets.head(bucket);
        return multipart.uploadPart(bucket, key, uploadId, partNumber, body, size, partMetadata);
    }

    @Override
    public ListPartsResult listParts(String bucket, String key, String uploadId, int partNumberMarker,
                                     int maxParts) {
        buckets.head(bucket);
        return multipart.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
    }

    @Override
    public Map<String, String> uploadMetadata(String bucket, String key, String uploadId) {
        buckets.head(bucket);
        return multipart.metadata(bucket, key, uploadId);
    }

    @Override
    public ObjectInfo completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
                                              PutOptions options) {
        buckets.head(bucket);
        return multipart.complete(bucket, key, uploadId, parts, options, buckets.versioning(bucket));
    }

    @Override
    public void abortMultipartUpload(String bucket, String key, String uploadId) {
        buckets.head(bucket);
        multipart.abort(bucket, key, uploadId);
    }

    @Override
    public ListUploadsResult listMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
                                                  String uploadIdMarker, int maxUploads) {
        buckets.head(bucket);
        return multipart.list(bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }

    // ---- heal ----

    /** Heals one object now: rebuilds damaged shards and stale manifests; returns shards rebuilt. */
    public int healObject(String bucket, String key) {
        return healer.heal(bucket, key).shardsRebuilt();
    }

    /**
     * Verifies and repairs every object of a bucket (null: every bucket) under a prefix, at most
     * {@code objectsPerSecond} objects a second (0: unbounded). Blocking; progress after every object.
     */
    public HealProgress healAll(String bucket, String prefix, double objectsPerSecond,
                                Consumer<HealProgress> progress) {
        return scanner.scan(bucket, prefix, objectsPerSecond, progress);
    }

    /**
     * Starts the background scan: every {@code interval} (after the first one), verifies and repairs every
     * object at most {@code objectsPerSecond} a second, so bit rot and lost shards are found even where
     * nobody reads. Stopped by {@link #close()}.
     */
    public void startBackgroundHeal(Duration interval, double objectsPerSecond) {
        backgroundHeal.scheduleWithFixedDelay(() -> {
            try {
                HealProgress p = scanner.scan(null, null, objectsPerSecond, x -> { });
                LOG.info("background heal: {} objects scanned, {} repaired, {} failed", p.scanned(), p.repaired(),
                        p.failed());
            } catch (RuntimeException e) {
                LOG.warn("background heal stopped early: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The progress of the running or last heal scan, or null before the first. */
    public HealProgress lastHealScan() {
        return scanner.last();
    }

    /** Waits until the heals queued by reads have run. */
    public void awaitHeals() {
        healer.awaitIdle();
    }

    ErasureSet erasureSet() {
        return set;
    }

    public long objectsHealed() {
        return healer.objectsHealed();
    }

    /** Objects waiting in the heal queue. */
    public int healQueueLength() {
        return healer.queueLength();
    }

    /** Reads of an object part that lost at least one shard on the way (and were served from parity). */
    public long degradedReads() {
        return set.readStats().degradedReads.sum();
    }

    /** Stripes decoded from parity to serve client reads. */
    public long stripesReconstructed() {
        return set.readStats().stripesReconstructed.sum();
    }

    /** {@code listener} hears of every committed object version (see {@link CommitListeners}). */
    public void addCommitListener(Consumer<ObjectInfo> listener) {
        writes.commitListeners.add(listener);
    }

    // ---- outbox (docs/FORMAT.md, "Outbox") ----

    /**
     * Records an outbox entry, on the key's drives and before its commit, for every change {@code hook} asks
     * for; null turns recording off. Set it before serving writes: while it is off, pending entries of earlier
     * runs are not resolved by writers, only by {@link #outboxEntries}.
     */
    public void commitEvents(CommitEvents hook) {
        writes.outbox.hook(hook);
    }

    /** Names of the keys' outbox documents (opaque), in order, after {@code startAfter} (null: from the start). */
    public List<String> outboxNames(String startAfter, int limit) {
        return writes.outbox.names(startAfter, limit);
    }

    /**
     * One key's committed outbox entries in sequencer order; entries of changes that never committed are
     * discarded on the way. Null when the document is gone.
     */
    public OutboxBatch outboxEntries(String name) {
        return writes.outbox.entries(name);
    }

    /** Removes a delivered entry from its key's outbox; false when it was not there (any more). */
    public boolean acknowledgeOutboxEntry(String bucket, String key, long sequencer) {
        return writes.outbox.acknowledge(bucket, key, sequencer);
    }

    @Override
    public void close() {
        backgroundHeal.shutdownNow();
        healer.close();
        io.shutdownNow();
    }
}
