package io.cairn.gateway.notify;

import io.cairn.object.ChangeKind;
import java.util.List;

/** The event names Cairn publishes, as S3 names them, and how configured names (with wildcards) match them. */
final class EventNames {

    static final String CREATED_PUT = "ObjectCreated:Put";
    static final String CREATED_POST = "ObjectCreated:Post";
    static final String CREATED_COPY = "ObjectCreated:Copy";
    static final String CREATED_COMPLETE = "ObjectCreated:CompleteMultipartUpload";
    static final String REMOVED_DELETE = "ObjectRemoved:Delete";
    static final String REMOVED_MARKER = "ObjectRemoved:DeleteMarkerCreated";

    /** Every name a configuration may list, with the {@code s3:} prefix S3 uses there. */
    static final List<String> CONFIGURABLE = List.of("s3:ObjectCreated:*", "s3:" + CREATED_PUT, "s3:" + CREATED_POST,
            "s3:" + CREATED_COPY, "s3:" + CREATED_COMPLETE, "s3:ObjectRemoved:*", "s3:" + REMOVED_DELETE,
            "s3:" + REMOVED_MARKER);

    /** The {@code origin} tags the gateway's writers hand the object layer. */
    static final String ORIGIN_COPY = "Copy";
    static final String ORIGIN_POST = "Post";

    private EventNames() {
    }

    /** The event a change is (without {@code s3:}). */
    static String of(ChangeKind kind, String origin) {
        return switch (kind) {
            case PUT -> ORIGIN_COPY.equals(origin) ? CREATED_COPY : ORIGIN_POST.equals(origin) ? CREATED_POST
                    : CREATED_PUT;
            case COMPLETE -> CREATED_COMPLETE;
            case DELETE -> REMOVED_DELETE;
            case DELETE_MARKER -> REMOVED_MARKER;
        };
    }

    /** Whether a configured name ({@code s3:ObjectCreated:*}) covers an event ({@code ObjectCreated:Put}). */
    static boolean matches(String configured, String event) {
        String name = configured.substring(3);
        if (name.endsWith(":*")) {
            return event.startsWith(name.substring(0, name.length() - 1));
        }
        return name.equals(event);
    }

    /** Whether two configured names cover a common event. */
    static boolean overlap(String a, String b) {
        for (String c : CONFIGURABLE) {
            if (!c.endsWith("*") && matches(a, c.substring(3)) && matches(b, c.substring(3))) {
                return true;
            }
        }
        return false;
    }
}
