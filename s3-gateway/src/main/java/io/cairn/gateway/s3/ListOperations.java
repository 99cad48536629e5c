package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.SseMetadata;
import io.cairn.object.ListRequest;
import io.cairn.object.ListResult;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.ListBucketResult;
import io.cairn.gateway.xml.Owner;
import io.cairn.gateway.xml.Xml;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * ListObjects (v1) and ListObjectsV2. The V2 continuation token is the base64url of the key to resume
 * after: opaque to clients, stateless for us.
 */
final class ListOperations implements OperationFamily {

    static final int MAX_KEYS = 1000;

    private final ObjectService objects;

    ListOperations(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.ListObjects, this::listV1);
        table.put(S3Operation.ListObjectsV2, this::listV2);
    }

    private S3Response listV1(S3Call call) {
        S3Request req = call.request();
        UnaryOperator<String> enc = encoder(req);
        int maxKeys = maxKeys(req);
        String prefix = req.param("prefix");
        String delimiter = emptyToNull(req.param("delimiter"));
        String marker = req.param("marker");
        ListResult page = page(req.bucket(), prefix, delimiter, marker, maxKeys);
        Owner owner = Owners.of(call.accessKey());
        String nextMarker = page.truncated() && delimiter != null ? enc.apply(page.nextMarker()) : null;
        // Version 1 answers the Prefix as sent even with encoding-type=url (v2 encodes it): SDKs decode
        // every other listed field of a v1 answer but not that one.
        ListBucketResult doc = new ListBucketResult(req.bucket(), nz(prefix), enc.apply(nz(marker)), nextMarker,
                null, null, null, null, maxKeys, enc.apply(delimiter), encodingType(req), page.truncated(),
                contents(page, owner, enc), prefixes(page, enc));
        return S3Response.xml(Xml.write(doc));
    }

    private S3Response listV2(S3Call call) {
        S3Request req = call.request();
        UnaryOperator<String> enc = encoder(req);
        int maxKeys = maxKeys(req);
        String prefix = req.param("prefix");
        String delimiter = emptyToNull(req.param("delimiter"));
        String token = req.param("continuation-token");
        String startAfter = req.param("start-after");
        String resumeAfter = token != null ? decodeToken(token) : startAfter;
        ListResult page = page(req.bucket(), prefix, delimiter, resumeAfter, maxKeys);
        Owner owner = "true".equals(req.param("fetch-owner")) ? Owners.of(call.accessKey()) : null;
        String next = page.truncated() ? encodeToken(page.nextMarker()) : null;
        ListBucketResult doc = new ListBucketResult(req.bucket(), enc.apply(nz(prefix)), null, null, token, next,
                enc.apply(startAfter), page.objects().size() + page.commonPrefixes().size(), maxKeys,
                enc.apply(delimiter), encodingType(req), page.truncated(), contents(page, owner, enc),
                prefixes(page, enc));
        return S3Response.xml(Xml.write(doc));
    }

    private ListResult page(String bucket, String prefix, String delimiter, String after, int maxKeys) {
        if (maxKeys == 0) {
            objects.headBucket(bucket);
            return new ListResult(List.of(), List.of(), false, null);
        }
        return objects.listObjects(bucket, new ListRequest(prefix, delimiter, after, maxKeys));
    }

    private static List<ListBucketResult.Contents> contents(ListResult page, Owner owner, UnaryOperator<String> enc) {
        return page.objects().stream().map(SseMetadata::plainView).map(o -> new ListBucketResult.Contents(enc.apply(o.key()),
                Xml.timestamp(o.lastModified()), ETags.quote(o.etag()), checksumAlgorithm(o), o.size(), owner,
                "STANDARD")).toList();
    }

    private static List<ListBucketResult.CommonPrefix> prefixes(ListResult page, UnaryOperator<String> enc) {
        return page.commonPrefixes().stream().map(p -> new ListBucketResult.CommonPrefix(enc.apply(p))).toList();
    }

    private static String checksumAlgorithm(ObjectInfo o) {
        for (String name : o.metadata().keySet()) {
            if (name.startsWith(ObjectHeaders.CHECKSUM_PREFIX)) {
                return name.substring(ObjectHeaders.CHECKSUM_PREFIX.length()).toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    static int maxKeys(S3Request req) {
        String v = req.param("max-keys");
        if (v == null) {
            return MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within "
                    + "integer range");
        }
    }

    private static String encodingType(S3Request req) {
        String v = req.param("encoding-type");
        if (v == null) {
            return null;
        }
        if (!v.equalsIgnoreCase("url")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
        }
        return "url";
    }

    private static UnaryOperator<String> encoder(S3Request req) {
        return encodingType(req) == null ? s -> s : ListOperations::urlEncode;
    }

    /** S3's encoding-type=url: percent-encodes everything but unreserved characters and '/'. */
    static String urlEncode(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
            if (plain) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
