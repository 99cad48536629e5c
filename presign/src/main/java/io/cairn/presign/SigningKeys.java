package io.cairn.presign;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives SigV4 signing keys. A key is valid for one (secret, date, region, service), so every request
 * of a day reuses it; caching saves four HMACs per request.
 */
public final class SigningKeys {
    /** Keeps memory bounded when many users or days pass through one process. */
    private static final int MAX_CACHED = 4096;
    private static final ConcurrentHashMap<CacheKey, byte[]> CACHE = new ConcurrentHashMap<>();

    private SigningKeys() {
    }

    /** HMAC chain: "AWS4"+secret -> date -> region -> service -> "aws4_request". Returns a fresh copy. */
    public static byte[] derive(String secretKey, CredentialScope scope) {
        CacheKey key = new CacheKey(secretKey, scope);
        byte[] cached = CACHE.get(key);
        if (cached == null) {
            cached = compute(secretKey, scope);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(key, cached);
        }
        return cached.clone();
    }

    static byte[] compute(String secretKey, CredentialScope scope) {
        byte[] k = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        k = SigV4.hmac(k, scope.date());
        k = SigV4.hmac(k, scope.region());
        k = SigV4.hmac(k, scope.service());
        return SigV4.hmac(k, CredentialScope.TERMINATOR);
    }

    private record CacheKey(String secretKey, CredentialScope scope) {
        @Override
        public String toString() {
            return "CacheKey[" + scope.value() + "]";
        }
    }
}
