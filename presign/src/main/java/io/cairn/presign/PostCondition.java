package io.cairn.presign;

import java.util.Locale;

/**
 * One condition of a POST policy. Field names are kept lowercase without the leading '$' (form field
 * names are case-insensitive in S3's POST); values are compared exactly.
 */
public sealed interface PostCondition {

    /** The condition as it appears in a policy's "conditions" array (and in AWS's error messages). */
    String json();

    /** {@code ["eq", "$field", "value"]}, or the object form {@code {"field": "value"}}. */
    record Eq(String field, String value) implements PostCondition {
        public Eq {
            field = normalise(field);
        }

        @Override
        public String json() {
            return "[\"eq\", \"$" + PostPolicy.escape(field) + "\", \"" + PostPolicy.escape(value) + "\"]";
        }
    }

    /** {@code ["starts-with", "$field", "prefix"]}; an empty prefix allows any value. */
    record StartsWith(String field, String prefix) implements PostCondition {
        public StartsWith {
            field = normalise(field);
        }

        @Override
        public String json() {
            return "[\"starts-with\", \"$" + PostPolicy.escape(field) + "\", \"" + PostPolicy.escape(prefix) + "\"]";
        }
    }

    /** {@code ["content-length-range", min, max]}: the file's size in bytes, both ends inclusive. */
    record ContentLengthRange(long min, long max) implements PostCondition {
        public ContentLengthRange {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("content-length-range needs 0 <= min <= max: " + min + ", " + max);
            }
        }

        @Override
        public String json() {
            return "[\"content-length-range\", " + min + ", " + max + "]";
        }
    }

    private static String normalise(String field) {
        String f = field.startsWith("$") ? field.substring(1) : field;
        return f.toLowerCase(Locale.ROOT);
    }
}
