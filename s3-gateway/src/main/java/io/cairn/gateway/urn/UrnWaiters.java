package io.cairn.gateway.urn;

import io.cairn.object.ObjectInfo;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-polls waiting for objects to commit, by bucket and key. The object layer's commit listener
 * completes them (commits through this process); {@link UrnEndpoints} also looks every second for commits
 * through other gateways. Completion runs on the committing thread, so waiters must be cheap.
 */
final class UrnWaiters {

    private final ConcurrentHashMap<String, Set<CompletableFuture<ObjectInfo>>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<ObjectInfo> register(String bucket, String key) {
        CompletableFuture<ObjectInfo> f = new CompletableFuture<>();
        waiting.compute(id(bucket, key), (k, set) -> {
            Set<CompletableFuture<ObjectInfo>> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(f);
            return s;
        });
        return f;
    }

    /** Removes a waiter; true if it was still waiting (nobody completed it). */
    boolean cancel(String bucket, String key, CompletableFuture<ObjectInfo> f) {
        boolean[] removed = new boolean[1];
        waiting.computeIfPresent(id(bucket, key), (k, set) -> {
            removed[0] = set.remove(f);
            return set.isEmpty() ? null : set;
        });
        return removed[0] && !f.isDone();
    }

    /** Whether anyone waits for this object (cheap: called on every commit). */
    boolean waitsFor(String bucket, String key) {
        return waiting.containsKey(id(bucket, key));
    }

    void committed(ObjectInfo info) {
        Set<CompletableFuture<ObjectInfo>> set = waiting.remove(id(info.bucket(), info.key()));
        if (set != null) {
            set.forEach(f -> f.complete(info));
        }
    }

    int size() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    private static String id(String bucket, String key) {
        return bucket + '\0' + key;
    }
}
