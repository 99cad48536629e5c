package io.cairn.presign;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a submitted form against its policy the way S3 does: the policy must not have expired, every
 * condition must hold, and every form field must be named by some condition, except the signature, the
 * policy itself, the file and fields prefixed "x-ignore-".
 */
public final class PostPolicyCheck {

    private static final String PREFIX = "Invalid according to Policy: ";

    private PostPolicyCheck() {
    }

    /**
     * {@code fields}: the form fields by lowercase name (without the file), the key with or without
     * ${filename} replaced as the caller decides. Returns the allowed file size range, or null when the
     * policy sets none.
     */
    public static PostCondition.ContentLengthRange check(PostPolicy policy, String bucket,
                                                         Map<String, String> fields, Instant now) {
        if (!now.isBefore(policy.expiration())) {
            throw denied("Policy expired.");
        }
        Set<String> covered = new HashSet<>();
        PostCondition.ContentLengthRange range = null;
        for (PostCondition c : policy.conditions()) {
            if (c instanceof PostCondition.Eq eq) {
                covered.add(eq.field());
                if (!eq.value().equals(value(eq.field(), bucket, fields))) {
                    throw denied("Policy Condition failed: " + c.json());
                }
            } else if (c instanceof PostCondition.StartsWith sw) {
                covered.add(sw.field());
                String v = value(sw.field(), bucket, fields);
                // An empty prefix allows any content, none included: the field may be left out of the form.
                if (v == null ? !sw.prefix().isEmpty() : !v.startsWith(sw.prefix())) {
                    throw denied("Policy Condition failed: " + c.json());
                }
            } else if (c instanceof PostCondition.ContentLengthRange r) {
                range = r;
            }
        }
        for (String name : fields.keySet()) {
            String n = name.toLowerCase(Locale.ROOT);
            boolean exempt = n.equals("x-amz-signature") || n.equals("policy") || n.equals("file")
                    || n.startsWith("x-ignore-");
            if (!exempt && !covered.contains(n)) {
                throw denied("Extra input fields: " + n);
            }
        }
        return range;
    }

    /** Checks a file's size against the policy's range (null: no range). */
    public static void checkSize(PostCondition.ContentLengthRange range, long size) {
        if (range == null) {
            return;
        }
        if (size > range.max()) {
            throw new PostPolicyException(PostPolicyException.Reason.TOO_LARGE,
                    "Your proposed upload exceeds the maximum allowed size");
        }
        if (size < range.min()) {
            throw new PostPolicyException(PostPolicyException.Reason.TOO_SMALL,
                    "Your proposed upload is smaller than the minimum allowed size");
        }
    }

    private static String value(String field, String bucket, Map<String, String> fields) {
        if (field.equals("bucket")) {
            return bucket;
        }
        return fields.get(field);
    }

    private static PostPolicyException denied(String detail) {
        return new PostPolicyException(PostPolicyException.Reason.DENIED, PREFIX + detail);
    }
}
