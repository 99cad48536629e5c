package io.cairn.gateway.policy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IAM condition operators. Each compares one request value with one policy value; a negated operator
 * holds when no policy value matches. Policy values are checked when the policy is parsed, so a bad one is
 * a MalformedPolicy there, not a silent "no match" later.
 */
enum ConditionOperator {
    StringEquals(false, Kind.STRING),
    StringNotEquals(true, Kind.STRING),
    StringEqualsIgnoreCase(false, Kind.STRING_IGNORE_CASE),
    StringNotEqualsIgnoreCase(true, Kind.STRING_IGNORE_CASE),
    StringLike(false, Kind.STRING_LIKE),
    StringNotLike(true, Kind.STRING_LIKE),
    NumericEquals(false, Kind.NUMERIC_EQ),
    NumericNotEquals(true, Kind.NUMERIC_EQ),
    NumericLessThan(false, Kind.NUMERIC_LT),
    NumericLessThanEquals(false, Kind.NUMERIC_LE),
    NumericGreaterThan(false, Kind.NUMERIC_GT),
    NumericGreaterThanEquals(false, Kind.NUMERIC_GE),
    DateEquals(false, Kind.DATE_EQ),
    DateNotEquals(true, Kind.DATE_EQ),
    DateLessThan(false, Kind.DATE_LT),
    DateLessThanEquals(false, Kind.DATE_LE),
    DateGreaterThan(false, Kind.DATE_GT),
    DateGreaterThanEquals(false, Kind.DATE_GE),
    Bool(false, Kind.BOOL),
    IpAddress(false, Kind.IP),
    NotIpAddress(true, Kind.IP),
    ArnEquals(false, Kind.STRING_LIKE),
    ArnLike(false, Kind.STRING_LIKE),
    ArnNotEquals(true, Kind.STRING_LIKE),
    ArnNotLike(true, Kind.STRING_LIKE),
    Null(false, Kind.NULL);

    private enum Kind {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE,
        DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE, BOOL, IP, NULL
    }

    private static final Map<String, ConditionOperator> BY_NAME = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (ConditionOperator op : values()) {
            BY_NAME.put(op.name(), op);
        }
    }

    private final boolean negated;
    private final Kind kind;

    ConditionOperator(boolean negated, Kind kind) {
        this.negated = negated;
        this.kind = kind;
    }

    /** The operator named (without IfExists or set prefixes), null when there is none by that name. */
    static ConditionOperator named(String name) {
        return BY_NAME.get(name);
    }

    boolean negated() {
        return negated;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    /** Throws MalformedPolicyException when {@code value} cannot be a policy value of this operator. */
    void validate(String value) {
        switch (kind) {
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE -> {
                if (number(value) == null) {
                    throw new MalformedPolicyException("Invalid numeric value for " + name() + ": " + value);
                }
            }
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE -> {
                if (date(value) == null) {
                    throw new MalformedPolicyException("Invalid date value for " + name() + ": " + value);
                }
            }
            case BOOL, NULL -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new MalformedPolicyException("Invalid boolean value for " + name() + ": " + value);
                }
            }
            case IP -> Cidr.parse(value);
            default -> {
            }
        }
    }

    /** Whether the request value matches the policy value, before negation. */
    boolean matches(String requestValue, String policyValue) {
        return switch (kind) {
            case STRING -> requestValue.equals(policyValue);
            case STRING_IGNORE_CASE -> requestValue.equalsIgnoreCase(policyValue);
            case STRING_LIKE -> Wildcards.match(policyValue, requestValue);
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE -> {
                BigDecimal r = number(requestValue);
                yield r != null && compares(r.compareTo(number(policyValue)));
            }
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE -> {
                Instant r = date(requestValue);
                yield r != null && compares(r.compareTo(date(policyValue)));
            }
            case BOOL -> requestValue.equalsIgnoreCase(policyValue);
            case IP -> Cidr.parse(policyValue).contains(requestValue);
            case NULL -> throw new IllegalStateException("Null is decided on presence, not on values");
        };
    }

    private boolean compares(int c) {
        return switch (kind) {
            case NUMERIC_EQ, DATE_EQ -> c == 0;
            case NUMERIC_LT, DATE_LT -> c < 0;
            case NUMERIC_LE, DATE_LE -> c <= 0;
            case NUMERIC_GT, DATE_GT -> c > 0;
            case NUMERIC_GE, DATE_GE -> c >= 0;
            default -> throw new IllegalStateException(name());
        };
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO 8601 (with an offset or Z, or a plain date) or epoch seconds, as IAM accepts. */
    private static Instant date(String s) {
        String t = s.trim();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Instant.parse(t + "T00:00:00Z");
            }
            return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
