package io.cairn.gateway.lifecycle;

import io.cairn.object.BucketInfo;
import io.cairn.object.BucketNotFoundException;
import io.cairn.object.DeleteOptions;
import io.cairn.object.ListUploadsResult;
import io.cairn.object.ListVersionsResult;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectLayerException;
import io.cairn.object.ObjectLockedException;
import io.cairn.object.ObjectService;
import io.cairn.object.PreconditionFailedException;
import io.cairn.object.UploadNotFoundException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every bucket's lifecycle rules in the background: each run walks the versions of every bucket that
 * has rules, key by key, and the multipart uploads, and makes the changes the rules call for at the instant the
 * run began ({@link LifecyclePolicy}).
 *
 * <p>Durable and resumable: a bucket's run records on the drives (the bucket configuration
 * {@value #STATE}) the instant it began and the last key it finished, after every page of keys. A run cut short
 * by a crash or a stop resumes after that key with the same instant; the keys of the page in flight are looked
 * at again, which changes nothing twice because the policy is evaluated at the same instant over what is now
 * there. Every change is conditional on the version it acts on being the one that was listed
 * ({@link DeleteOptions#expectedModified()}), so a write racing the run is never expired by it, and the object
 * layer refuses to remove what object lock holds (counted as held, not as an error).
 *
 * <p>Paced: at most {@code changesPerSecond} changes a second. Progress is readable at any time
 * ({@link #status()}) for metrics and the admin status.
 */
public final class LifecycleJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
    /** The bucket configuration holding a bucket's run: its instant and the last key done. */
    static final String STATE = "lifecycle-state";
    /** Keys' versions listed at a time; the run's progress is recorded after each page. */
    private static final int PAGE = 200;

    private final ObjectService objects;
    private final Clock clock;
    private final Duration day;
    private final double changesPerSecond;
    private final ScheduledExecutorService executor;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong keysScanned = new AtomicLong();
    private final AtomicLong currentExpired = new AtomicLong();
    private final AtomicLong versionsRemoved = new AtomicLong();
    private final AtomicLong uploadsAborted = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong raced = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Duration interval = Duration.ZERO;
    private volatile String bucketInProgress;
    private volatile Instant lastRunFinished;
    private long nextChangeNanos;

    /**
     * @param day how long a lifecycle "day" is: one day, or less in tests (as RGW's debug interval)
     */
    public LifecycleJob(ObjectService objects, Clock clock, Duration day, double changesPerSecond) {
        if (day.isZero() || day.isNegative() || changesPerSecond <= 0) {
            throw new IllegalArgumentException("the lifecycle day and rate must be positive");
        }
        this.objects = objects;
        this.clock = clock;
        this.day = day;
        this.changesPerSecond = changesPerSecond;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lifecycle");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every {@code interval}, the first time soon after start (resuming a run a stop cut short). */
    public LifecycleJob start(Duration interval) {
        this.interval = interval;
        executor.scheduleWithFixedDelay(this::runQuietly, Math.min(interval.toMillis(), 1000), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.warn("lifecycle run failed; it resumes at the next one: {}", e.toString());
        }
    }

    /**
     * One run over every bucket with rules: resumes a bucket's unfinished run, and begins a new one where the
     * last began at least an interval ago (so a restart does not run every bucket again). A bucket that fails
     * (drives lost, say) is counted and tried again at the next run; the others go on.
     */
    public synchronized void runOnce() {
        for (BucketInfo b : objects.listBuckets()) {
            try {
                runBucket(b.name());
            } catch (BucketNotFoundException gone) {
                // deleted while the run went on
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                LOG.warn("lifecycle: the run of bucket {} failed; it resumes at the next run: {}", b.name(),
                        e.toString());
            }
        }
        runs.incrementAndGet();
        lastRunFinished = clock.instant();
    }

    private void runBucket(String bucket) {
        Optional<List<LifecycleRule>> rules = LifecycleOperations.rules(objects, bucket);
        if (rules.isEmpty()) {
            if (objects.getBucketConfig(bucket, STATE).isPresent()) {
                objects.deleteBucketConfig(bucket, STATE);
            }
            return;
        }
        RunState state = RunState.parse(objects.getBucketConfig(bucket, STATE).orElse(null));
        boolean resumed = state != null && !state.finished();
        if (state != null && state.finished() && clock.instant().isBefore(state.started().plus(interval))) {
            return; // done within the last interval, by this process before a restart or by another gateway
        }
        if (!resumed) {
            state = new RunState(clock.instant(), null, false);
            objects.putBucketConfig(bucket, STATE, state.format());
        } else {
            LOG.info("lifecycle: resuming the run of bucket {} begun at {} after key {}", bucket, state.started(),
                    state.after());
        }
        bucketInProgress = bucket;
        try {
            LifecyclePolicy policy = new LifecyclePolicy(rules.get(), day);
            Instant now = state.started();
            long before = changes();
            walkVersions(bucket, policy, now, state.after());
            if (policy.abortsUploads()) {
                abortUploads(bucket, policy, now);
            }
            objects.putBucketConfig(bucket, STATE, new RunState(now, null, true).format());
            long made = changes() - before;
            if (made > 0 || resumed) {
                LOG.info("lifecycle: the run of bucket {} begun at {} finished with {} changes", bucket, now, made);
            }
        } finally {
            bucketInProgress = null;
        }
    }

    private void walkVersions(String bucket, LifecyclePolicy policy, Instant now, String after) {
        String keyMarker = after;
        String versionMarker = null;
        List<ObjectInfo> pending = new ArrayList<>();
        while (true) {
            ListVersionsResult page = objects.listObjectVersions(bucket, "", null, keyMarker, versionMarker, PAGE);
            String lastDone = null;
            for (ListVersionsResult.Entry e : page.versions()) {
                ObjectInfo v = e.info();
                if (!pending.isEmpty() && !pending.get(0).key().equals(v.key())) {
                    apply(bucket, policy, pending, now);
                    lastDone = pending.get(0).key();
                    pending = new ArrayList<>();
                }
                pending.add(v);
            }
            if (!page.truncated()) {
                if (!pending.isEmpty()) {
                    apply(bucket, policy, pending, now);
                }
                return;
            }
            if (lastDone != null) {
                objects.putBucketConfig(bucket, STATE, new RunState(now, lastDone, false).format());
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
    }

    private void apply(String bucket, LifecyclePolicy policy, List<ObjectInfo> versions, Instant now) {
        keysScanned.incrementAndGet();
        Map<String, ObjectInfo> byId = new LinkedHashMap<>();
        for (ObjectInfo v : versions) {
            byId.put(v.versionId(), v);
        }
        for (LifecyclePolicy.Action a : policy.evaluate(versions, now)) {
            ObjectInfo target = a.expiresCurrent() ? versions.get(0) : byId.get(a.versionId());
            pace();
            try {
                objects.deleteObject(bucket, a.key(), a.versionId(), new DeleteOptions(false, target.lastModified()));
                if (a.expiresCurrent()) {
                    currentExpired.incrementAndGet();
                } else {
                    versionsRemoved.incrementAndGet();
                }
                LOG.debug("lifecycle rule {} of bucket {}: {} {}", a.ruleId(), bucket, a.key(),
                        a.expiresCurrent() ? "expired" : "version " + a.versionId() + " removed");
            } catch (ObjectLockedException e) {
                held.incrementAndGet();
            } catch (PreconditionFailedException e) {
                raced.incrementAndGet();
            } catch (ObjectLayerException e) {
                errors.incrementAndGet();
                LOG.warn("lifecycle rule {} of bucket {} could not act on {}: {}", a.ruleId(), bucket, a.key(),
                        e.toString());
            }
        }
    }

    private void abortUploads(String bucket, LifecyclePolicy policy, Instant now) {
        String keyMarker = null;
        String uploadMarker = null;
        while (true) {
            ListUploadsResult page = objects.listMultipartUploads(bucket, "", null, keyMarker, uploadMarker, PAGE);
            for (ListUploadsResult.Upload u : page.uploads()) {
                String rule = policy.abortRule(u.key(), u.initiated(), now);
                if (rule == null) {
                    continue;
                }
                pace();
                try {
                    objects.abortMultipartUpload(bucket, u.key(), u.uploadId());
                    uploadsAborted.incrementAndGet();
                } catch (UploadNotFoundException e) {
                    raced.incrementAndGet(); // completed or aborted meanwhile
                } catch (ObjectLayerException e) {
                    errors.incrementAndGet();
                    LOG.warn("lifecycle rule {} of bucket {} could not abort upload {} of {}: {}", rule, bucket,
                            u.uploadId(), u.key(), e.toString());
                }
            }
            if (!page.truncated()) {
                return;
            }
            keyMarker = page.nextKeyMarker();
            uploadMarker = page.nextUploadIdMarker();
        }
    }

    private long changes() {
        return currentExpired.get() + versionsRemoved.get() + uploadsAborted.get();
    }

    /** At most {@link #changesPerSecond} changes a second. */
    private void pace() {
        long gap = (long) (1_000_000_000L / changesPerSecond);
        long now = System.nanoTime();
        long wait = nextChangeNanos - now;
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("lifecycle run interrupted", e);
            }
        }
        nextChangeNanos = Math.max(now, nextChangeNanos) + gap;
    }

    /** Counters since start, for metrics and the admin status. */
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("runs", runs.get());
        s.put("keysScanned", keysScanned.get());
        s.put("currentVersionsExpired", currentExpired.get());
        s.put("versionsRemoved", versionsRemoved.get());
        s.put("uploadsAborted", uploadsAborted.get());
        s.put("heldByObjectLock", held.get());
        s.put("changedMeanwhile", raced.get());
        s.put("errors", errors.get());
        String bucket = bucketInProgress;
        if (bucket != null) {
            s.put("bucketInProgress", bucket);
        }
        Instant last = lastRunFinished;
        if (last != null) {
            s.put("lastRunFinished", last.toString());
        }
        return s;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bucket's run as recorded: {@code v1 <epoch millis> <done|open> <url-encoded last key or ->}. */
    record RunState(Instant started, String after, boolean finished) {

        String format() {
            return "v1 " + started.toEpochMilli() + " " + (finished ? "done" : "open") + " "
                    + (after == null ? "-" : URLEncoder.encode(after, StandardCharsets.UTF_8));
        }

        /** The recorded state, or null when there is none or it cannot be read (a new run begins). */
        static RunState parse(String text) {
            if (text == null) {
                return null;
            }
            String[] f = text.trim().split(" ");
            if (f.length != 4 || !f[0].equals("v1")) {
                return null;
            }
            try {
                return new RunState(Instant.ofEpochMilli(Long.parseLong(f[1])),
                        f[3].equals("-") ? null : URLDecoder.decode(f[3], StandardCharsets.UTF_8), f[2].equals("done"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
