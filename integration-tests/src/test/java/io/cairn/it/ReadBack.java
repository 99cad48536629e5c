package io.cairn.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads objects of one bucket back through gateways and collects every read that failed or did not return the
 * bytes whose SHA-256 was recorded, so a test can read from several threads and assert once.
 */
final class ReadBack {

    private final String bucket;
    private final Map<String, String> sums;
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    /** {@code sums}: key -> SHA-256 of its bytes, filled in by the test as it writes. */
    ReadBack(String bucket, Map<String, String> sums) {
        this.bucket = bucket;
        this.sums = sums;
    }

    /** Reads every object in turn, round-robin over {@code gateways}, until {@code reading} turns false. */
    void readUntilStopped(List<S3Client> gateways, AtomicBoolean reading, AtomicLong reads) {
        int g = 0;
        while (reading.get()) {
            for (String key : sums.keySet()) {
                check(gateways.get(g++ % gateways.size()), key);
                reads.incrementAndGet();
                if (!reading.get()) {
                    return;
                }
            }
        }
    }

    void readAll(S3Client gateway) {
        sums.keySet().forEach(key -> check(gateway, key));
    }

    void check(S3Client gateway, String key) {
        try {
            String got = ShardFiles.sha256(gateway.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            if (!got.equals(sums.get(key))) {
                failures.add(key + ": wrong bytes");
            }
        } catch (RuntimeException e) {
            failures.add(key + ": " + e);
        }
    }
}
