package io.cairn.gateway.urn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A minted URN waiting for its upload, stored as a bucket configuration document named
 * {@code urn/<kind>/<id>}. Past {@code expiresAt} without an object, the reservation is abandoned.
 */
record Reservation(String urn, long createdAtMillis, long expiresAtMillis, String contentType, Long maxSize,
                   boolean createOnly) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String configName(Urn urn) {
        return "urn/" + urn.kind() + "/" + urn.id();
    }

    boolean expired(Instant now) {
        return now.toEpochMilli() >= expiresAtMillis;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reservation fromJson(String json) {
        try {
            return JSON.readValue(json, Reservation.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
