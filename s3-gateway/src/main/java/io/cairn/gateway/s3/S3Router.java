package io.cairn.gateway.s3;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns method + path + query (+ x-amz-copy-source) into an {@link S3Operation} and an {@link S3Request}.
 * Supports path-style addressing and, when a domain is configured, virtual-host style
 * ({@code bucket.<domain>}); a Host that does not end with the domain is treated as path style.
 */
public final class S3Router {

    static final int MAX_KEY_BYTES = 1024;

    private static final Map<String, S3Operation> BUCKET_GET = table(
            "location", S3Operation.GetBucketLocation, "versioning", S3Operation.GetBucketVersioning,
            "tagging", S3Operation.GetBucketTagging, "uploads", S3Operation.ListMultipartUploads,
            "versions", S3Operation.ListObjectVersions, "acl", S3Operation.GetBucketAcl,
            "policy", S3Operation.GetBucketPolicy, "policyStatus", S3Operation.GetBucketPolicyStatus,
            "cors", S3Operation.GetBucketCors, "lifecycle", S3Operation.GetBucketLifecycleConfiguration,
            "website", S3Operation.GetBucketWebsite, "logging", S3Operation.GetBucketLogging,
            "notification", S3Operation.GetBucketNotificationConfiguration,
            "replication", S3Operation.GetBucketReplication, "encryption", S3Operation.GetBucketEncryption,
            "object-lock", S3Operation.GetObjectLockConfiguration,
            "accelerate", S3Operation.GetBucketAccelerateConfiguration,
            "requestPayment", S3Operation.GetBucketRequestPayment,
            "ownershipControls", S3Operation.GetBucketOwnershipControls,
            "publicAccessBlock", S3Operation.GetPublicAccessBlock,
            "analytics", S3Operation.GetBucketAnalyticsConfiguration,
            "metrics", S3Operation.GetBucketMetricsConfiguration,
            "inventory", S3Operation.GetBucketInventoryConfiguration,
            "intelligent-tiering", S3Operation.GetBucketIntelligentTieringConfiguration);
    private static final Map<String, S3Operation> BUCKET_PUT = table(
            "versioning", S3Operation.PutBucketVersioning, "tagging", S3Operation.PutBucketTagging,
            "acl", S3Operation.PutBucketAcl, "policy", S3Operation.PutBucketPolicy,
            "cors", S3Operation.PutBucketCors, "lifecycle", S3Operation.PutBucketLifecycleConfiguration,
            "website", S3Operation.PutBucketWebsite, "logging", S3Operation.PutBucketLogging,
            "notification", S3Operation.PutBucketNotificationConfiguration,
            "replication", S3Operation.PutBucketReplication, "encryption", S3Operation.PutBucketEncryption,
            "object-lock", S3Operation.PutObjectLockConfiguration,
            "accelerate", S3Operation.PutBucketAccelerateConfiguration,
            "requestPayment", S3Operation.PutBucketRequestPayment,
            "ownershipControls", S3Operation.PutBucketOwnershipControls,
            "publicAccessBlock", S3Operation.PutPublicAccessBlock);
    private static final Map<String, S3Operation> BUCKET_DELETE = table(
            "tagging", S3Operation.DeleteBucketTagging, "policy", S3Operation.DeleteBucketPolicy,
            "cors", S3Operation.DeleteBucketCors, "lifecycle", S3Operation.DeleteBucketLifecycle,
            "website", S3Operation.DeleteBucketWebsite, "replication", S3Operation.DeleteBucketReplication,
            "encryption", S3Operation.DeleteBucketEncryption,
            "ownershipControls", S3Operation.DeleteBucketOwnershipControls,
            "publicAccessBlock", S3Operation.DeletePublicAccessBlock);
    private static final Map<String, S3Operation> BUCKET_POST = table("delete", S3Operation.DeleteObjects);
    private static final Map<String, S3Operation> OBJECT_GET = table(
            "uploadId", S3Operation.ListParts, "tagging", S3Operation.GetObjectTagging,
            "acl", S3Operation.GetObjectAcl, "retention", S3Operation.GetObjectRetention,
            "legal-hold", S3Operation.GetObjectLegalHold, "torrent", S3Operation.GetObjectTorrent,
            "attributes", S3Operation.GetObjectAttributes);
    private static final Map<String, S3Operation> OBJECT_PUT = table(
            "tagging", S3Operation.PutObjectTagging, "acl", S3Operation.PutObjectAcl,
            "retention", S3Operation.PutObjectRetention, "legal-hold", S3Operation.PutObjectLegalHold);
    private static final Map<String, S3Operation> OBJECT_DELETE = table(
            "uploadId", S3Operation.AbortMultipartUpload, "tagging", S3Operation.DeleteObjectTagging);
    private static final Map<String, S3Operation> OBJECT_POST = table(
            "uploads", S3Operation.CreateMultipartUpload, "uploadId", S3Operation.CompleteMultipartUpload,
            "restore", S3Operation.RestoreObject, "select", S3Operation.SelectObjectContent);

    /** Query parameters that are arguments, not subresources; anything else without a value is unknown. */
    private static final Set<String> ARGUMENTS = Set.of("prefix", "delimiter", "marker", "max-keys", "list-type",
            "continuation-token", "start-after", "fetch-owner", "encoding-type", "versionId", "partNumber",
            "key-marker", "upload-id-marker", "max-uploads", "max-parts", "part-number-marker",
            "version-id-marker", "x-id", "allow-unordered", "response-content-type", "response-content-language",
            "response-expires", "response-cache-control", "response-content-disposition",
            "response-content-encoding", "uploadId");

    private final String domain;

    /** {@code domain} null or empty: path style only. */
    public S3Router(String domain) {
        this.domain = domain == null || domain.isEmpty() ? null : domain.toLowerCase(Locale.ROOT);
    }

    public S3Request route(HttpRequest request, String requestId) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new S3Exception(S3ErrorCode.INVALID_URI);
        }
        Map<String, List<String>> query = new QueryStringDecoder(uri).parameters();
        String hostBucket = bucketFromHost(request.headers().get(HttpHeaderNames.HOST));
        String bucket;
        String key;
        if (hostBucket != null) {
            bucket = hostBucket;
            key = rawPath.length() > 1 ? decode(rawPath.substring(1)) : null;
        } else {
            int slash = rawPath.indexOf('/', 1);
            String rawBucket = slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash);
            bucket = rawBucket.isEmpty() ? null : decode(rawBucket);
            String rawKey = slash < 0 ? "" : rawPath.substring(slash + 1);
            key = rawKey.isEmpty() ? null : decode(rawKey);
        }
        if (key != null && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
        }
        String method = request.method().name();
        S3Operation op = operation(method, bucket, key, query, request.headers().contains("x-amz-copy-source"));
        if (bucket != null && op != S3Operation.Unknown && !BucketNames.valid(bucket)) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME, "The specified bucket is not valid.");
        }
        return new S3Request(op, method, bucket, key, query, request.headers(), rawPath, requestId);
    }

    private String bucketFromHost(String host) {
        if (domain == null || host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        String suffix = "." + domain;
        if (h.endsWith(suffix) && h.length() > suffix.length()) {
            return h.substring(0, h.length() - suffix.length());
        }
        return null;
    }

    static S3Operation operation(String method, String bucket, String key, Map<String, List<String>> query,
                                 boolean copySource) {
        if (bucket == null) {
            return method.equals("GET") ? S3Operation.ListBuckets : methodNotAllowed();
        }
        if (hasUnknownSubresource(query)) {
            return S3Operation.Unknown;
        }
        if (key == null) {
            return switch (method) {
                case "GET" -> query.containsKey("list-type") && "2".equals(first(query, "list-type"))
                        ? lookup(BUCKET_GET, query, S3Operation.ListObjectsV2)
                        : lookup(BUCKET_GET, query, S3Operation.ListObjects);
                case "HEAD" -> S3Operation.HeadBucket;
                case "PUT" -> lookup(BUCKET_PUT, query, S3Operation.CreateBucket);
                case "DELETE" -> lookup(BUCKET_DELETE, query, S3Operation.DeleteBucket);
                case "POST" -> lookup(BUCKET_POST, query, S3Operation.PostObject);
                default -> methodNotAllowed();
            };
        }
        return switch (method) {
            case "GET" -> lookup(OBJECT_GET, query, S3Operation.GetObject);
            case "HEAD" -> S3Operation.HeadObject;
            case "PUT" -> objectPut(query, copySource);
            case "DELETE" -> lookup(OBJECT_DELETE, query, S3Operation.DeleteObject);
            case "POST" -> lookup(OBJECT_POST, query, null) != null ? lookup(OBJECT_POST, query, null)
                    : methodNotAllowed();
            default -> methodNotAllowed();
        };
    }

    private static S3Operation objectPut(Map<String, List<String>> query, boolean copySource) {
        if (query.containsKey("uploadId") && query.containsKey("partNumber")) {
            return copySource ? S3Operation.UploadPartCopy : S3Operation.UploadPart;
        }
        S3Operation sub = lookup(OBJECT_PUT, query, null);
        if (sub != null) {
            return sub;
        }
        return copySource ? S3Operation.CopyObject : S3Operation.PutObject;
    }

    private static boolean hasUnknownSubresource(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            boolean valueless = e.getValue().isEmpty() || e.getValue().get(0).isEmpty();
            if (valueless && !ARGUMENTS.contains(name) && !isSubresource(name)
                    && !name.regionMatches(true, 0, "x-amz-", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubresource(String name) {
        return BUCKET_GET.containsKey(name) || BUCKET_PUT.containsKey(name) || BUCKET_DELETE.containsKey(name)
                || BUCKET_POST.containsKey(name) || OBJECT_GET.containsKey(name) || OBJECT_PUT.containsKey(name)
                || OBJECT_POST.containsKey(name) || OBJECT_DELETE.containsKey(name);
    }

    private static S3Operation lookup(Map<String, S3Operation> table, Map<String, List<String>> query,
                                      S3Operation fallback) {
        for (Map.Entry<String, S3Operation> e : table.entrySet()) {
            if (query.containsKey(e.getKey())) {
                return e.getValue();
            }
        }
        return fallback;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static S3Operation methodNotAllowed() {
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    }

    private static Map<String, S3Operation> table(Object... pairs) {
        Map<String, S3Operation> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (S3Operation) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Percent-decodes a path segment as UTF-8; unlike a query, '+' stays '+'. Bytes that are not UTF-8 are
     * InvalidURI, as S3 answers them, rather than a key silently holding replacement characters.
     */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new S3Exception(S3ErrorCode.INVALID_URI);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new S3Exception(S3ErrorCode.INVALID_URI);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new S3Exception(S3ErrorCode.INVALID_URI);
        }
    }
}
