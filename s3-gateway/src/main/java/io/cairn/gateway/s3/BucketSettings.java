package io.cairn.gateway.s3;

import io.cairn.object.ObjectService;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bucket configuration documents that every request's authorisation reads (policy, ACL, public
 * access block, object ownership), kept where the other bucket settings are (so they replicate the same
 * way) and trusted for {@link #TTL_MILLIS} after a read, as {@link BucketOwners} trusts an owner: in a
 * cluster each read is a quorum read. A change made through this gateway is seen at once; one made
 * through another gateway within that time.
 */
final class BucketSettings {

    static final long TTL_MILLIS = 1000;
    static final String POLICY = "policy";
    static final String ACL = "acl";
    static final String PUBLIC_ACCESS_BLOCK = "public-access-block";
    static final String OWNERSHIP = BucketOwnershipOperations.BUCKET_CONFIG;

    private record Key(String bucket, String name) {
    }

    private record Cached(Optional<String> value, long readAtNanos) {
    }

    private final ObjectService objects;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<Key, Cached> cache = new ConcurrentHashMap<>();

    BucketSettings(ObjectService objects) {
        this(objects, System::nanoTime);
    }

    BucketSettings(ObjectService objects, LongSupplier nanos) {
        this.objects = objects;
        this.nanos = nanos;
    }

    /** The document, empty when the bucket has none. BucketNotFoundException when the bucket is absent. */
    Optional<String> get(String bucket, String name) {
        Key key = new Key(bucket, name);
        long now = nanos.getAsLong();
        Cached c = cache.get(key);
        if (c == null || now - c.readAtNanos() > TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS)) {
            c = new Cached(objects.getBucketConfig(bucket, name), now);
            cache.put(key, c);
        }
        return c.value();
    }

    void put(String bucket, String name, String value) {
        objects.putBucketConfig(bucket, name, value);
        cache.put(new Key(bucket, name), new Cached(Optional.of(value), nanos.getAsLong()));
    }

    void delete(String bucket, String name) {
        objects.deleteBucketConfig(bucket, name);
        cache.put(new Key(bucket, name), new Cached(Optional.empty(), nanos.getAsLong()));
    }

    /** After the bucket was deleted or created through this gateway: nothing cached about it holds. */
    void forget(String bucket) {
        cache.keySet().removeIf(k -> k.bucket().equals(bucket));
    }
}
