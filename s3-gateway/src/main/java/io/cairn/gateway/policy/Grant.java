package io.cairn.gateway.policy;

/**
 * One ACL grant: to a user by canonical id ({@code group == false}) or to a group by its URI.
 */
public record Grant(boolean group, String grantee, Permission permission) {

    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public static Grant user(String canonicalId, Permission permission) {
        return new Grant(false, canonicalId, permission);
    }

    public static Grant group(String uri, Permission permission) {
        return new Grant(true, uri, permission);
    }

    /** Whether the grant is to everyone or to every authenticated user: what AWS calls a public grant. */
    public boolean isPublic() {
        return group && (grantee.equals(ALL_USERS) || grantee.equals(AUTHENTICATED_USERS));
    }
}
