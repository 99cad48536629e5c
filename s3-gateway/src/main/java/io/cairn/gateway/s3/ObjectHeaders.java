package io.cairn.gateway.s3;

import io.cairn.object.ObjectInfo;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which request headers are kept with an object and how they come back. The metadata map holds them under
 * their lowercase header names (content-type, x-amz-meta-*, x-amz-checksum-*, ...).
 */
final class ObjectHeaders {

    /** S3's limit on user metadata: names and values of x-amz-meta-* together. */
    static final int MAX_USER_METADATA = 2048;
    static final String CHECKSUM_PREFIX = "x-amz-checksum-";
    static final String TAGGING = "x-amz-tagging";

    private static final String[] STORED = {"content-type", "cache-control", "content-disposition",
            "content-encoding", "content-language", "expires", "x-amz-website-redirect-location",
            "x-amz-storage-class"};

    private ObjectHeaders() {
    }

    /**
     * The storage classes a PUT may name. Every object is kept the same way, so only the classes that promise
     * nothing else are accepted (as MinIO does); naming an archive or infrequent-access class would have the
     * client believe in a price and a retrieval it does not get.
     */
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY");

    /**
     * The metadata of a new object from its PUT headers; MetadataTooLarge past S3's limit, InvalidStorageClass
     * for a class this store does not offer. (Object lock headers are read with the bucket's lock settings:
     * {@link ObjectLockOperations#forNewObject}.)
     */
    static Map<String, String> fromRequest(HttpHeaders headers) {
        String storageClass = headers.get("x-amz-storage-class");
        if (storageClass != null && !STORAGE_CLASSES.contains(storageClass)) {
            throw new S3Exception(S3ErrorCode.INVALID_STORAGE_CLASS, "The storage class you specified is not valid: "
                    + storageClass + " (this store offers STANDARD and REDUCED_REDUNDANCY)");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (String name : STORED) {
            String v = headers.get(name);
            if (v != null) {
                meta.put(name, v);
            }
        }
        int userBytes = 0;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                userBytes += name.length() - "x-amz-meta-".length()
                        + h.getValue().getBytes(StandardCharsets.UTF_8).length;
                meta.merge(name, h.getValue(), (a, b) -> a + "," + b);
            }
        }
        if (userBytes > MAX_USER_METADATA) {
            throw new S3Exception(S3ErrorCode.METADATA_TOO_LARGE,
                    "Your metadata headers exceed the maximum allowed metadata size.");
        }
        String encoding = meta.remove("content-encoding");
        String stored = encoding == null ? null : withoutAwsChunked(encoding);
        if (stored != null && !stored.isEmpty()) {
            meta.put("content-encoding", stored);
        }
        meta.putIfAbsent("content-type", "binary/octet-stream");
        return meta;
    }

    /** aws-chunked describes how this request's body was framed, not the object: S3 does not keep it. */
    static String withoutAwsChunked(String contentEncoding) {
        if (!contentEncoding.toLowerCase(Locale.ROOT).contains("aws-chunked")) {
            return contentEncoding;
        }
        StringBuilder out = new StringBuilder();
        for (String token : contentEncoding.split(",")) {
            String t = token.trim();
            if (t.isEmpty() || t.equalsIgnoreCase("aws-chunked")) {
                continue;
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(t);
        }
        return out.toString();
    }

    /** The headers GET and HEAD answer with (checksums only when asked for). */
    static void toResponse(ObjectInfo info, S3Response r, boolean withChecksums) {
        r.header("ETag", ETags.quote(info.etag()));
        r.header("Last-Modified", HttpDates.format(info.lastModified()));
        r.header("Accept-Ranges", "bytes");
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        for (Map.Entry<String, String> m : info.metadata().entrySet()) {
            String name = m.getKey();
            if (name.startsWith(CHECKSUM_PREFIX)) {
                if (withChecksums) {
                    r.header(name, m.getValue());
                }
            } else if (name.equals(TAGGING)) {
                r.header("x-amz-tagging-count", Integer.toString(m.getValue().isEmpty() ? 0
                        : m.getValue().split("&").length));
            } else if (!name.startsWith("cairn-")) {
                r.header(name, m.getValue());
            }
        }
        if (info.partSizes().size() > 1) {
            r.header("x-amz-mp-parts-count", info.partSizes().size());
        }
    }
}
