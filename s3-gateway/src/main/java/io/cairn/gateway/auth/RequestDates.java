package io.cairn.gateway.auth;

import io.cairn.presign.SigV4;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parsing of the two date forms SigV4 accepts. */
final class RequestDates {
    private RequestDates() {
    }

    /** "20130524T000000Z", or null. */
    static Instant parseAmzDate(String value) {
        if (value == null || value.length() != 16) {
            return null;
        }
        try {
            return SigV4.AMZ_DATE.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "Fri, 24 May 2013 00:00:00 GMT" (the Date header), or null. */
    static Instant parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
