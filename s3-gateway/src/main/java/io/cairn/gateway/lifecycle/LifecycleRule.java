package io.cairn.gateway.lifecycle;

import java.time.Instant;
import java.util.Map;

/**
 * One enabled or disabled lifecycle rule, validated: which versions it selects (a key prefix, tags that must all
 * be present, object size bounds) and what it does to them. A null action field is an action the rule lacks.
 *
 * @param expirationDays          the current version expires this many days after its creation
 * @param expirationDate          the current versions expire at this instant (midnight UTC)
 * @param expiredDeleteMarker     a delete marker left with no version behind it is removed
 * @param noncurrentDays          a noncurrent version is removed this many days after it became noncurrent
 * @param newerNoncurrentVersions this many of the newest noncurrent versions are kept whatever their age
 * @param abortDays               an upload not completed this many days after it began is aborted
 */
public record LifecycleRule(String id, boolean enabled, String prefix, Map<String, String> tags,
                            Long sizeGreaterThan, Long sizeLessThan,
                            Integer expirationDays, Instant expirationDate, boolean expiredDeleteMarker,
                            Integer noncurrentDays, Integer newerNoncurrentVersions, Integer abortDays) {

    public LifecycleRule {
        prefix = prefix == null ? "" : prefix;
        tags = Map.copyOf(tags);
    }

    /** Whether the rule selects a version of {@code key} with this size and these tags. */
    boolean selects(String key, long size, Map<String, String> versionTags) {
        if (!enabled || !key.startsWith(prefix)) {
            return false;
        }
        if (sizeGreaterThan != null && size <= sizeGreaterThan) {
            return false;
        }
        if (sizeLessThan != null && size >= sizeLessThan) {
            return false;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getValue().equals(versionTags.get(t.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the rule selects the uploads of {@code key} (abort rules filter by prefix only). */
    boolean selectsUpload(String key) {
        return enabled && abortDays != null && key.startsWith(prefix);
    }
}
