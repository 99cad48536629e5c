package io.cairn.gateway.urn;

import java.security.SecureRandom;

/** Ids for URNs minted without one: time-ordered (hex millis) then 64 random bits, so keys list in mint order. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String next() {
        return String.format("%012x%016x", System.currentTimeMillis(), RANDOM.nextLong());
    }
}
