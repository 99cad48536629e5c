package io.cairn.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The grants of a bucket or an object, apart from its owner (who always has full control and is named by
 * the owner's canonical id wherever the ACL is shown). Stored as one line of text,
 * {@code "u:<id>:READ g:<uri>:WRITE"}, so that it fits in bucket settings and object metadata alike; an
 * absent ACL is the private one.
 */
public record Acl(List<Grant> grants) {

    public static final Acl PRIVATE = new Acl(List.of());

    private static final Set<String> GROUPS = Set.of(Grant.ALL_USERS, Grant.AUTHENTICATED_USERS,
            Grant.LOG_DELIVERY);

    public Acl {
        grants = List.copyOf(grants);
    }

    /**
     * The canned ACL's grants besides the owner's full control; null when {@code name} names no canned ACL.
     * (The owner of every object is the bucket owner, so the bucket-owner-* ACLs add nothing.)
     */
    public static Acl canned(String name) {
        return switch (name) {
            case "private", "bucket-owner-read", "bucket-owner-full-control", "aws-exec-read" -> PRIVATE;
            case "public-read" -> new Acl(List.of(Grant.group(Grant.ALL_USERS, Permission.READ)));
            case "public-read-write" -> new Acl(List.of(Grant.group(Grant.ALL_USERS, Permission.READ),
                    Grant.group(Grant.ALL_USERS, Permission.WRITE)));
            case "authenticated-read" -> new Acl(List.of(Grant.group(Grant.AUTHENTICATED_USERS, Permission.READ)));
            case "log-delivery-write" -> new Acl(List.of(Grant.group(Grant.LOG_DELIVERY, Permission.WRITE),
                    Grant.group(Grant.LOG_DELIVERY, Permission.READ_ACP)));
            default -> null;
        };
    }

    /** Whether {@code uri} names a group this store knows. */
    public static boolean knownGroup(String uri) {
        return GROUPS.contains(uri);
    }

    public boolean isPublic() {
        return grants.stream().anyMatch(Grant::isPublic);
    }

    /** The same ACL without its public grants (what IgnorePublicAcls evaluates). */
    public Acl withoutPublicGrants() {
        return new Acl(grants.stream().filter(g -> !g.isPublic()).toList());
    }

    /**
     * Whether the grants give {@code needed} to the caller: {@code canonicalId} null for an anonymous caller,
     * which only AllUsers grants reach.
     */
    public boolean allows(String canonicalId, Permission needed) {
        for (Grant g : grants) {
            if (!g.permission().covers(needed)) {
                continue;
            }
            boolean reaches = g.group()
                    ? g.grantee().equals(Grant.ALL_USERS)
                            || g.grantee().equals(Grant.AUTHENTICATED_USERS) && canonicalId != null
                    : g.grantee().equals(canonicalId);
            if (reaches) {
                return true;
            }
        }
        return false;
    }

    public String encode() {
        StringBuilder b = new StringBuilder();
        for (Grant g : grants) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(g.group() ? "g:" : "u:").append(g.grantee()).append(':').append(g.permission().name());
        }
        return b.toString();
    }

    /** The stored form back; a form this version cannot read is refused (IllegalArgumentException). */
    public static Acl decode(String text) {
        if (text == null || text.isBlank()) {
            return PRIVATE;
        }
        List<Grant> out = new ArrayList<>();
        for (String token : text.trim().split(" +")) {
            int last = token.lastIndexOf(':');
            if (token.length() < 3 || token.charAt(1) != ':' || last <= 2) {
                throw new IllegalArgumentException("unreadable ACL: " + text);
            }
            Permission p = Permission.named(token.substring(last + 1).toUpperCase(Locale.ROOT));
            if (p == null) {
                throw new IllegalArgumentException("unreadable ACL: " + text);
            }
            String grantee = token.substring(2, last);
            out.add(token.charAt(0) == 'g' ? Grant.group(grantee, p) : Grant.user(grantee, p));
        }
        return new Acl(out);
    }
}
