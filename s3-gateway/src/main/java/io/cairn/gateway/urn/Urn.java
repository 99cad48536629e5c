package io.cairn.gateway.urn;

import java.util.regex.Pattern;

/**
 * {@code urn:cairn:<namespace>:<kind>:<id>}, mapped by a pure function to a place in the store: the
 * namespace is the bucket, the key is {@code <kind>/<id>}. The character sets keep every URN a valid
 * bucket name plus a key that needs no escaping anywhere.
 */
public record Urn(String namespace, String kind, String id) {

    public static final String PREFIX = "urn:cairn:";
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}");

    public Urn {
        bucketOf(namespace);
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("invalid URN kind (1-63 of a-z 0-9 -): " + kind);
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid URN id (1-200 of A-Z a-z 0-9 . _ ~ -, not starting with '.'): " + id);
        }
    }

    /** The bucket a namespace names; {@link IllegalArgumentException} when it is not a valid namespace. */
    public static String bucketOf(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches() || namespace.contains("..")) {
            throw new IllegalArgumentException("invalid URN namespace (a bucket name): " + namespace);
        }
        return namespace;
    }

    /** Parses the text form; {@link IllegalArgumentException} when it is not a cairn URN. */
    public static Urn parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a cairn URN: " + text);
        }
        String[] parts = text.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a cairn URN is urn:cairn:<namespace>:<kind>:<id>: " + text);
        }
        return new Urn(parts[0], parts[1], parts[2]);
    }

    public String bucket() {
        return namespace;
    }

    public String key() {
        return kind + "/" + id;
    }

    @Override
    public String toString() {
        return PREFIX + namespace + ":" + kind + ":" + id;
    }
}
