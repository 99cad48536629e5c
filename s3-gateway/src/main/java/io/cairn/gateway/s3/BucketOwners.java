package io.cairn.gateway.s3;

import io.cairn.object.ObjectService;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Who created a bucket, kept as a bucket configuration document. A bucket without one (made before owners
 * were recorded) belongs to whoever asks, so old buckets stay usable.
 *
 * <p>Every request to a bucket asks for its owner, and in a cluster the document is a quorum read, so an
 * owner read is trusted for {@link #TTL_MILLIS}, as the object layer trusts a bucket's existence. Creating
 * or deleting a bucket through this gateway updates the cache at once; a bucket deleted and re-created by
 * someone else through another gateway is seen with its new owner within that time.
 */
final class BucketOwners {

    static final long TTL_MILLIS = 1000;
    private static final String OWNER = "owner";

    private record Cached(Optional<String> owner, long readAtNanos) {
    }

    private final ObjectService objects;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    BucketOwners(ObjectService objects) {
        this(objects, System::nanoTime);
    }

    BucketOwners(ObjectService objects, LongSupplier nanos) {
        this.objects = objects;
        this.nanos = nanos;
    }

    void record(String bucket, String accessKey) {
        if (accessKey != null) {
            objects.putBucketConfig(bucket, OWNER, accessKey);
            cache.put(bucket, new Cached(Optional.of(accessKey), nanos.getAsLong()));
        }
    }

    /** After the bucket was deleted through this gateway: whoever creates it next owns it. */
    void forget(String bucket) {
        cache.remove(bucket);
    }

    /** The owner's access key, or {@code caller} when none is recorded. BucketNotFoundException when absent. */
    String ownerOf(String bucket, String caller) {
        long now = nanos.getAsLong();
        Cached c = cache.get(bucket);
        if (c == null || now - c.readAtNanos() > TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS)) {
            c = new Cached(objects.getBucketConfig(bucket, OWNER), now);
            cache.put(bucket, c);
        }
        return c.owner().orElse(caller);
    }

    /** Whether {@code caller} owns the bucket (or may use it because nobody is recorded as its owner). */
    boolean ownedBy(String bucket, String caller) {
        return caller != null && ownerOf(bucket, caller).equals(caller);
    }
}
