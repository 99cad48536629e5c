package io.cairn.gateway.policy;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a policy sees it. {@code principal} is the caller's user name (its access key), null when
 * anonymous; {@code action} the IAM action ({@code s3:GetObject}); {@code resource} the ARN acted on;
 * {@code keys} the condition keys the request carries (names are case-insensitive, a key may have several
 * values, an absent key is simply not there).
 */
public record PolicyRequest(String principal, String action, String resource, Map<String, List<String>> keys) {

    public PolicyRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        keys.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        keys = Collections.unmodifiableMap(copy);
    }

    /** The values of a condition key, null when the request does not carry it. */
    List<String> values(String key) {
        return keys.get(key.toLowerCase(Locale.ROOT));
    }
}
