package io.cairn.gateway.policy;

import java.util.Set;

/**
 * A statement's Principal (or NotPrincipal): everyone ({@code "*"} or {@code {"AWS": "*"}}), or named users,
 * written as user names or as IAM user ARNs ({@code arn:aws:iam::123456789012:user/alice}: the part after
 * {@code user/} names the user). Anonymous callers are matched only by everyone.
 */
record Principals(boolean everyone, Set<String> users) {

    boolean matches(String principal) {
        if (everyone) {
            return true;
        }
        return principal != null && users.contains(principal);
    }

    /** The user a Principal entry names. */
    static String userOf(String entry) {
        if (entry.startsWith("arn:")) {
            int user = entry.indexOf(":user/");
            if (!entry.startsWith("arn:aws:iam::") || user < 0) {
                throw new MalformedPolicyException("Invalid principal in policy: " + entry);
            }
            String path = entry.substring(user + ":user/".length());
            return path.substring(path.lastIndexOf('/') + 1);
        }
        if (entry.isEmpty()) {
            throw new MalformedPolicyException("Invalid principal in policy: empty");
        }
        return entry;
    }
}
