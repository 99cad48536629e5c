package io.cairn.gateway.http;

import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids as S3 shows them: 16 uppercase hex digits, plus a longer opaque x-amz-id-2. */
final class RequestIds {

    private RequestIds() {
    }

    static String next() {
        return String.format(Locale.ROOT, "%016X", ThreadLocalRandom.current().nextLong());
    }

    static String hostId() {
        byte[] b = new byte[24];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
