package io.cairn.gateway.policy;

/** The ACL permissions. FULL_CONTROL includes the other four. */
public enum Permission {
    READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL;

    /** Whether a grant of this permission gives {@code needed}. */
    public boolean covers(Permission needed) {
        return this == needed || this == FULL_CONTROL;
    }

    /** The permission named, null when none is. */
    public static Permission named(String name) {
        for (Permission p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
