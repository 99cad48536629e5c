package io.cairn.gateway.policy;

/** What a policy says about one request: an explicit deny, an allow, or nothing (which denies by default). */
public enum Decision {
    DENY,
    ALLOW,
    NONE
}
