package io.cairn.gateway.s3;

import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.ObjectAttributesDocument;
import io.cairn.gateway.xml.Xml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GetObjectAttributes: the attributes named in x-amz-object-attributes (ETag, Checksum, ObjectParts,
 * StorageClass, ObjectSize) of the current version or of ?versionId. Parts are listed for multipart objects
 * only, paged by x-amz-max-parts / x-amz-part-number-marker.
 */
final class ObjectAttributesOperation implements OperationFamily {

    private static final Set<String> KNOWN = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass",
            "ObjectSize");

    private final ObjectService objects;

    ObjectAttributesOperation(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.GetObjectAttributes, this::attributes);
    }

    private S3Response attributes(S3Call call) {
        S3Request req = call.request();
        // Some SDKs send one header per attribute, others one comma-separated header.
        Set<String> wanted = wanted(String.join(",", req.headers().getAll("x-amz-object-attributes")));
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        ObjectAttributesDocument doc = new ObjectAttributesDocument(
                wanted.contains("ETag") ? info.etag() : null,
                wanted.contains("Checksum") ? checksum(info) : null,
                wanted.contains("ObjectParts") ? parts(req, info) : null,
                wanted.contains("StorageClass")
                        ? info.metadata().getOrDefault("x-amz-storage-class", "STANDARD") : null,
                wanted.contains("ObjectSize") ? info.size() : null);
        S3Response r = S3Response.xml(Xml.write(doc));
        r.header("Last-Modified", HttpDates.format(info.lastModified()));
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        return r;
    }

    private static Set<String> wanted(String header) {
        if (header == null || header.isBlank()) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing"
                            + " or empty");
        }
        Set<String> out = new HashSet<>();
        for (String a : header.split(",")) {
            String name = a.trim();
            if (!KNOWN.contains(name)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified: " + name);
            }
            out.add(name);
        }
        return out;
    }

    private static ObjectAttributesDocument.Checksum checksum(ObjectInfo info) {
        Map<String, String> m = info.metadata();
        String prefix = ObjectHeaders.CHECKSUM_PREFIX;
        String crc32 = m.get(prefix + "crc32");
        String crc32c = m.get(prefix + "crc32c");
        String crc64 = m.get(prefix + "crc64nvme");
        String sha1 = m.get(prefix + "sha1");
        String sha256 = m.get(prefix + "sha256");
        if (crc32 == null && crc32c == null && crc64 == null && sha1 == null && sha256 == null) {
            return null;
        }
        String any = crc32 != null ? crc32 : crc32c != null ? crc32c : crc64 != null ? crc64 : sha1 != null ? sha1
                : sha256;
        // A checksum of checksums ends in "-<parts>".
        String type = m.getOrDefault(MultipartChecksums.TYPE_HEADER, any.indexOf('-') > 0 ? "COMPOSITE"
                : "FULL_OBJECT");
        return new ObjectAttributesDocument.Checksum(crc32, crc32c, crc64, sha1, sha256, type);
    }

    private static ObjectAttributesDocument.ObjectParts parts(S3Request req, ObjectInfo info) {
        List<Long> sizes = info.partSizes();
        boolean multipart = info.etag().indexOf('-') > 0;
        if (!multipart) {
            return null;
        }
        if (sizes.isEmpty()) {
            sizes = List.of(info.size());
        }
        int max = intHeader(req, "x-amz-max-parts", MultipartOperations.MAX_LIST);
        int marker = intHeader(req, "x-amz-part-number-marker", 0);
        String algorithm = info.metadata().get(MultipartChecksums.ALGORITHM);
        List<String> checksums = MultipartChecksums.partChecksums(info);
        List<ObjectAttributesDocument.Part> page = new ArrayList<>();
        int n = marker;
        while (n < sizes.size() && page.size() < max) {
            n++;
            String checksum = n <= checksums.size() ? checksums.get(n - 1) : null;
            page.add(ObjectAttributesDocument.Part.of(n, sizes.get(n - 1), algorithm, checksum));
        }
        boolean truncated = n < sizes.size();
        return new ObjectAttributesDocument.ObjectParts(sizes.size(), marker, page.isEmpty() ? null : n, max,
                truncated, page);
    }

    private static int intHeader(S3Request req, String name, int dflt) {
        String v = req.header(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return Math.min(n, MultipartOperations.MAX_PARTS);
            }
        } catch (NumberFormatException e) {
            // falls through to the S3 error
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid value for " + name.toLowerCase(Locale.ROOT)
                + ": " + v);
    }
}
