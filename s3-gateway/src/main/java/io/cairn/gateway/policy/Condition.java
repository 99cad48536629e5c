package io.cairn.gateway.policy;

import java.util.List;

/**
 * One operator over one key with its values ({@code "StringLike": {"s3:prefix": ["home/*"]}}), as the
 * policy says it. Values are alternatives; a statement's conditions must all hold.
 */
record Condition(ConditionOperator operator, boolean ifExists, SetQualifier qualifier, String key,
                 List<String> values) {

    /** The ForAnyValue: / ForAllValues: prefixes, for keys with several values. */
    enum SetQualifier {
        SINGLE, FOR_ANY_VALUE, FOR_ALL_VALUES
    }

    boolean holds(PolicyRequest request) {
        List<String> present = request.values(key);
        boolean missing = present == null || present.isEmpty();
        if (operator.isNull()) {
            boolean wantsMissing = values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            boolean wantsPresent = values.stream().anyMatch(v -> v.equalsIgnoreCase("false"));
            return missing ? wantsMissing : wantsPresent;
        }
        if (missing) {
            // A missing key matches nothing: negated operators hold, ForAllValues holds vacuously.
            return ifExists || operator.negated() || qualifier == SetQualifier.FOR_ALL_VALUES;
        }
        return switch (qualifier) {
            case FOR_ALL_VALUES -> present.stream().allMatch(this::one);
            default -> present.stream().anyMatch(this::one);
        };
    }

    /** One request value against the policy values, negation applied. */
    private boolean one(String requestValue) {
        boolean any = values.stream().anyMatch(v -> operator.matches(requestValue, v));
        return operator.negated() != any;
    }
}
