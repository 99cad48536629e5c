package io.cairn.gateway.post;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which form fields become object metadata, under the header names a PUT would use. */
final class PostFields {

    private static final String[] STORED = {"content-type", "cache-control", "content-disposition",
            "content-encoding", "expires"};

    private PostFields() {
    }

    static Map<String, String> metadata(Map<String, String> fields) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String name : STORED) {
            String v = fields.get(name);
            if (v != null) {
                meta.put(name, v);
            }
        }
        fields.forEach((name, value) -> {
            if (name.startsWith("x-amz-meta-")) {
                meta.put(name, value);
            }
        });
        meta.putIfAbsent("content-type", "binary/octet-stream");
        return meta;
    }
}
