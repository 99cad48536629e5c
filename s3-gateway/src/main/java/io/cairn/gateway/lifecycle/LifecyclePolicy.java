package io.cairn.gateway.lifecycle;

import io.cairn.gateway.s3.TagSets;
import io.cairn.object.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bucket's rules do to one key at one instant, as S3 documents it. Pure: the same rules, versions and
 * instant give the same actions, so a run that is interrupted and evaluated again at the instant it began does
 * nothing twice (an expired current version has become a delete marker, which expiration leaves alone; a
 * removed version is no longer listed).
 *
 * <ul>
 *   <li>Expiration (Days or Date) of the current version, unless it is a delete marker: removal in an unversioned
 *       bucket, a delete marker in a versioned one (the object layer decides which, as for a DeleteObject).</li>
 *   <li>A version becomes noncurrent when a newer one is written: NoncurrentVersionExpiration counts from the
 *       newer version's creation, and keeps the NewerNoncurrentVersions newest noncurrent versions.</li>
 *   <li>A current delete marker with no version behind it (an expired object delete marker) is removed by
 *       ExpiredObjectDeleteMarker, or by an Expiration in Days once it is that old.</li>
 * </ul>
 * Days count as S3 counts them: from the object's creation, rounded up to the next midnight UTC. A shorter
 * {@code day} (for tests, like RGW's debug interval) counts plain multiples of it.
 */
public final class LifecyclePolicy {

    private static final Duration REAL_DAY = Duration.ofDays(1);

    private final List<LifecycleRule> rules;
    private final Duration day;

    public LifecyclePolicy(List<LifecycleRule> rules, Duration day) {
        this.rules = List.copyOf(rules);
        this.day = day;
    }

    /** One change: the current version expired ({@code versionId} null), or one version removed. */
    public record Action(String key, String versionId, String ruleId) {
        public boolean expiresCurrent() {
            return versionId == null;
        }
    }

    /** The actions due at {@code now} for a key's versions, newest first (the first is the current one). */
    public List<Action> evaluate(List<ObjectInfo> versions, Instant now) {
        List<Action> actions = new ArrayList<>();
        if (versions.isEmpty()) {
            return actions;
        }
        ObjectInfo current = versions.get(0);
        String key = current.key();
        if (current.deleteMarker()) {
            if (versions.size() == 1) {
                for (LifecycleRule r : rules) {
                    boolean expired = r.expiredDeleteMarker() || (r.expirationDays() != null
                            && !after(current.lastModified(), r.expirationDays()).isAfter(now));
                    if (expired && r.selects(key, 0, TagSets.ofObject(current.metadata()))) {
                        actions.add(new Action(key, current.versionId(), r.id()));
                        break;
                    }
                }
            }
        } else {
            for (LifecycleRule r : rules) {
                if (!r.selects(key, current.size(), TagSets.ofObject(current.metadata()))) {
                    continue;
                }
                boolean due = (r.expirationDays() != null
                        && !after(current.lastModified(), r.expirationDays()).isAfter(now))
                        || (r.expirationDate() != null && !r.expirationDate().isAfter(now));
                if (due) {
                    actions.add(new Action(key, null, r.id()));
                    break;
                }
            }
        }
        for (int i = 1; i < versions.size(); i++) {
            ObjectInfo v = versions.get(i);
            Instant noncurrentSince = versions.get(i - 1).lastModified();
            int newerNoncurrent = i - 1;
            for (LifecycleRule r : rules) {
                if (r.noncurrentDays() == null
                        || !r.selects(key, v.deleteMarker() ? 0 : v.size(), TagSets.ofObject(v.metadata()))) {
                    continue;
                }
                if (r.newerNoncurrentVersions() != null && newerNoncurrent < r.newerNoncurrentVersions()) {
                    continue;
                }
                if (!after(noncurrentSince, r.noncurrentDays()).isAfter(now)) {
                    actions.add(new Action(key, v.versionId(), r.id()));
                    break;
                }
            }
        }
        return actions;
    }

    /** Whether an upload of {@code key} begun at {@code initiated} is due to be aborted at {@code now}. */
    public String abortRule(String key, Instant initiated, Instant now) {
        for (LifecycleRule r : rules) {
            if (r.selectsUpload(key) && !after(initiated, r.abortDays()).isAfter(now)) {
                return r.id();
            }
        }
        return null;
    }

    /** Whether any rule acts on uploads. */
    public boolean abortsUploads() {
        return rules.stream().anyMatch(r -> r.enabled() && r.abortDays() != null);
    }

    /** {@code days} after {@code start}: S3's midnight rounding with real days, plain multiples of a test day. */
    Instant after(Instant start, int days) {
        Instant at = start.plus(day.multipliedBy(days));
        if (!day.equals(REAL_DAY)) {
            return at;
        }
        var utc = at.atOffset(ZoneOffset.UTC);
        if (utc.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return at;
        }
        return utc.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
