package io.cairn.gateway.s3;

import io.cairn.gateway.xml.Tagging;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tag sets as S3 limits them, kept in object metadata and bucket configuration in their URL-query form
 * ({@code k1=v1&k2=v2}), the same form the x-amz-tagging header uses.
 */
public final class TagSets {

    static final int OBJECT_LIMIT = 10;
    static final int BUCKET_LIMIT = 50;

    private TagSets() {
    }

    /** The tags of an object version, from its metadata (none: an empty map). */
    public static Map<String, String> ofObject(Map<String, String> metadata) {
        String query = metadata.get(ObjectHeaders.TAGGING);
        return query == null ? Map.of() : parseQuery(query);
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return tags;
        }
        Map<String, List<String>> params = new QueryStringDecoder("?" + query).parameters();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (p.getValue().size() > 1) {
                throw new S3Exception(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
            }
            tags.put(p.getKey(), p.getValue().isEmpty() ? "" : p.getValue().get(0));
        }
        return tags;
    }

    static Map<String, String> fromXml(Tagging tagging) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tagging.Tag t : tagging.tags()) {
            if (t.key() == null) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            if (tags.put(t.key(), t.value() == null ? "" : t.value()) != null) {
                throw new S3Exception(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
            }
        }
        return tags;
    }

    static Tagging toXml(Map<String, String> tags) {
        List<Tagging.Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(new Tagging.Tag(k, v)));
        return Tagging.of(list);
    }

    /**
     * Validates and writes a tag set in query form, ordered by key: S3 hands tag sets back sorted by key
     * whatever order they were sent in.
     */
    static String canonical(Map<String, String> tags, int limit) {
        if (tags.size() > limit) {
            throw new S3Exception(S3ErrorCode.INVALID_TAG, "Object tags cannot be greater than " + limit);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> t : new TreeMap<>(tags).entrySet()) {
            if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue().length() > 256) {
                throw new S3Exception(S3ErrorCode.INVALID_TAG, "The TagKey or TagValue you have provided is invalid");
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(t.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(t.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
