package io.cairn.gateway.policy;

import java.util.List;
import java.util.Locale;

/**
 * One policy statement. Exactly one of each pair (principal/notPrincipal, actions/notActions,
 * resources/notResources) is set; the other is null.
 */
record Statement(String sid, boolean allow, Principals principal, Principals notPrincipal, List<String> actions,
                 List<String> notActions, List<String> resources, List<String> notResources,
                 List<Condition> conditions) {

    /** Whether the statement applies to the request (its effect is then the statement's effect). */
    boolean applies(PolicyRequest r) {
        return principalMatches(r.principal()) && actionMatches(r.action()) && resourceMatches(r.resource())
                && conditions.stream().allMatch(c -> c.holds(r));
    }

    private boolean principalMatches(String caller) {
        return principal != null ? principal.matches(caller) : !notPrincipal.matches(caller);
    }

    private boolean actionMatches(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        if (actions != null) {
            return actions.stream().anyMatch(p -> Wildcards.match(p, a, true));
        }
        return notActions.stream().noneMatch(p -> Wildcards.match(p, a, true));
    }

    private boolean resourceMatches(String resource) {
        if (resources != null) {
            return resources.stream().anyMatch(p -> Wildcards.match(p, resource));
        }
        return notResources.stream().noneMatch(p -> Wildcards.match(p, resource));
    }
}
