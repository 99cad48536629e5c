package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.SseMetadata;
import io.cairn.object.CompletedPart;
import io.cairn.object.ListPartsResult;
import io.cairn.object.ListUploadsResult;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectLayerException;
import io.cairn.object.ObjectService;
import io.cairn.object.PartInfo;
import io.cairn.object.PutOptions;
import io.cairn.object.UploadNotFoundException;
import io.cairn.gateway.xml.CompleteMultipartUploadRequest;
import io.cairn.gateway.xml.CompleteMultipartUploadResult;
import io.cairn.gateway.xml.InitiateMultipartUploadResult;
import io.cairn.gateway.xml.ListBucketResult;
import io.cairn.gateway.xml.ListMultipartUploadsDocument;
import io.cairn.gateway.xml.ListPartsDocument;
import io.cairn.gateway.xml.Owner;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Multipart uploads: create, upload part, complete, abort, list parts, list uploads. */
final class MultipartOperations implements OperationFamily {

    static final int MAX_PARTS = 10000;
    /** Metadata of a completed multipart object: the upload it came from. */
    static final String UPLOAD_ID = "cairn-upload-id";
    static final int MAX_LIST = 1000;
    /** 10000 parts of ~100 bytes of XML each. */
    static final int MAX_COMPLETE_XML = 2 * 1024 * 1024;

    private final ObjectService objects;
    private final ObjectEncryption encryption;
    private final AclSettings acls;

    MultipartOperations(ObjectService objects, ObjectEncryption encryption, AclSettings acls) {
        this.objects = objects;
        this.encryption = encryption;
        this.acls = acls;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.CreateMultipartUpload, this::create);
        table.put(S3Operation.UploadPart, this::uploadPart);
        table.put(S3Operation.CompleteMultipartUpload, this::complete);
        table.put(S3Operation.AbortMultipartUpload, this::abort);
        table.put(S3Operation.ListParts, this::listParts);
        table.put(S3Operation.ListMultipartUploads, this::listUploads);
    }

    private S3Response create(S3Call call) {
        S3Request req = call.request();
        Map<String, String> metadata = new LinkedHashMap<>(ObjectHeaders.fromRequest(req.headers()));
        metadata.putAll(ObjectLockOperations.forNewObject(objects, req.bucket(), req.headers(), Instant.now()));
        String tagging = req.header("x-amz-tagging");
        if (tagging != null) {
            metadata.put(ObjectHeaders.TAGGING, TagSets.canonical(TagSets.parseQuery(tagging), TagSets.OBJECT_LIMIT));
        }
        acls.forNewObject(call, metadata);
        MultipartChecksums.begin(req, metadata);
        ObjectEncryption.Sse<Map<String, String>> upload = encryption.beginUpload(req, metadata);
        String uploadId = objects.createMultipartUpload(req.bucket(), req.key(), upload.value());
        S3Response r = S3Response.xml(Xml.write(new InitiateMultipartUploadResult(req.bucket(), req.key(), uploadId)));
        upload.headers(r);
        MultipartChecksums.uploadHeaders(metadata, r);
        return r;
    }

    private S3Response uploadPart(S3Call call) {
        S3Request req = call.request();
        int partNumber = partNumber(req.param("partNumber"));
        long size = ObjectWriteOperations.declaredSize(req.headers());
        Map<String, String> partMeta = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(ObjectHeaders.CHECKSUM_PREFIX) && !name.equals("x-amz-checksum-type")) {
                partMeta.put(name, h.getValue());
            }
        }
        ObjectEncryption.Sse<PartInfo> written = encryption.uploadPart(req, partNumber, call.body(), size,
                withTrailers(partMeta, call.checksums()));
        PartInfo part = written.value();
        S3Response r = S3Response.ok().header("ETag", ETags.quote(part.etag()));
        written.headers(r);
        ObjectWriteOperations.withTrailingChecksums(partMeta, call.checksums().get()).forEach(r::header);
        return r;
    }

    /**
     * The part's metadata including checksums sent as aws-chunked trailers (the AWS SDKs' default). Those
     * are known only once the body was read, and the object layer reads the body before it stores the
     * part's metadata, so this view is evaluated when it is copied.
     */
    private static Map<String, String> withTrailers(Map<String, String> fromHeaders,
                                                    Supplier<Map<String, String>> trailers) {
        return new AbstractMap<>() {
            @Override
            public Set<Map.Entry<String, String>> entrySet() {
                return ObjectWriteOperations.withTrailingChecksums(fromHeaders, trailers.get()).entrySet();
            }
        };
    }

    private S3Response complete(S3Call call) throws IOException {
        S3Request req = call.request();
        String uploadId = req.param("uploadId");
        CompleteMultipartUploadRequest body = Xml.read(call.body(), MAX_COMPLETE_XML,
                CompleteMultipartUploadRequest.class);
        if (body.parts().isEmpty() || body.parts().size() > MAX_PARTS) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        List<CompletedPart> parts = new ArrayList<>();
        Map<Integer, String> partChecksums = new HashMap<>();
        for (CompleteMultipartUploadRequest.Part p : body.parts()) {
            if (p.partNumber() == null || p.etag() == null) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            parts.add(new CompletedPart(p.partNumber(), ETags.unquote(p.etag())));
            if (p.checksum() != null) {
                partChecksums.put(p.partNumber(), p.checksum());
            }
        }
        Map<String, String> uploadMetadata;
        try {
            uploadMetadata = objects.uploadMetadata(req.bucket(), req.key(), uploadId);
        } catch (UploadNotFoundException e) {
            return completedBefore(req, uploadId).orElseThrow(() -> e);
        }
        ObjectEncryption.Sse<Map<String, String>> completed = encryption.completed(req, parts, uploadMetadata);
        Map<String, String> metadata = new LinkedHashMap<>(completed.value());
        metadata.put(UPLOAD_ID, uploadId);
        metadata.putAll(MultipartChecksums.complete(objects, req, uploadId, uploadMetadata, parts, partChecksums));
        PutOptions options = WriteConditions.of(req).precheck(objects, req.bucket(), req.key())
                .options(metadata, null);
        ObjectInfo info = objects.completeMultipartUpload(req.bucket(), req.key(), uploadId, parts, options);
        S3Response r = completeResult(req, info);
        completed.headers(r);
        return r;
    }

    /**
     * S3 answers a repeated CompleteMultipartUpload of an upload that already became the current version
     * with the same result (a client whose first answer was lost retries), so the version remembers its
     * upload id.
     */
    private Optional<S3Response> completedBefore(S3Request req, String uploadId) {
        try {
            ObjectInfo current = objects.headObject(req.bucket(), req.key(), null);
            if (uploadId != null && uploadId.equals(current.metadata().get(UPLOAD_ID))) {
                return Optional.of(completeResult(req, current));
            }
        } catch (ObjectLayerException e) {
            // no current version: the upload is simply unknown
        }
        return Optional.empty();
    }

    private static S3Response completeResult(S3Request req, ObjectInfo info) {
        String location = "/" + req.bucket() + "/" + ListOperations.urlEncode(req.key());
        Map<String, String> m = info.metadata();
        String type = m.get(MultipartChecksums.TYPE_HEADER);
        S3Response r = S3Response.xml(Xml.write(new CompleteMultipartUploadResult(location, req.bucket(), req.key(),
                ETags.quote(info.etag()), m.get("x-amz-checksum-crc32"), m.get("x-amz-checksum-crc32c"),
                m.get("x-amz-checksum-crc64nvme"), m.get("x-amz-checksum-sha1"), m.get("x-amz-checksum-sha256"),
                type)));
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        return r;
    }

    private S3Response abort(S3Call call) {
        S3Request req = call.request();
        objects.abortMultipartUpload(req.bucket(), req.key(), req.param("uploadId"));
        return S3Response.noContent();
    }

    private S3Response listParts(S3Call call) {
        S3Request req = call.request();
        int marker = intParam(req, "part-number-marker", 0, 0, MAX_PARTS);
        int max = intParam(req, "max-parts", MAX_LIST, 0, Integer.MAX_VALUE);
        max = Math.min(max, MAX_LIST);
        String uploadId = req.param("uploadId");
        ListPartsResult result = objects.listParts(req.bucket(), req.key(), uploadId, marker, max);
        List<ListPartsDocument.Part> parts = result.parts().stream().map(SseMetadata::plainView)
                .map(p -> new ListPartsDocument.Part(
                        p.partNumber(), Xml.timestamp(p.lastModified()), ETags.quote(p.etag()), p.size())).toList();
        Owner owner = Owners.of(call.accessKey());
        return S3Response.xml(Xml.write(new ListPartsDocument(req.bucket(), req.key(), uploadId, marker,
                result.nextPartNumberMarker(), max, result.truncated(), parts, owner, owner, "STANDARD")));
    }

    private S3Response listUploads(S3Call call) {
        S3Request req = call.request();
        int max = Math.min(intParam(req, "max-uploads", MAX_LIST, 0, Integer.MAX_VALUE), MAX_LIST);
        String prefix = req.param("prefix");
        String delimiter = req.param("delimiter");
        String keyMarker = req.param("key-marker");
        String uploadIdMarker = req.param("upload-id-marker");
        ListUploadsResult result = objects.listMultipartUploads(req.bucket(), prefix,
                delimiter == null || delimiter.isEmpty() ? null : delimiter, keyMarker, uploadIdMarker, max);
        Owner owner = Owners.of(call.accessKey());
        List<ListMultipartUploadsDocument.Upload> uploads = result.uploads().stream()
                .map(u -> new ListMultipartUploadsDocument.Upload(u.key(), u.uploadId(), owner, owner, "STANDARD",
                        Xml.timestamp(u.initiated()))).toList();
        List<ListBucketResult.CommonPrefix> prefixes = result.commonPrefixes().stream()
                .map(ListBucketResult.CommonPrefix::new).toList();
        return S3Response.xml(Xml.write(new ListMultipartUploadsDocument(req.bucket(), nz(keyMarker),
                nz(uploadIdMarker), result.truncated() ? result.nextKeyMarker() : null,
                result.truncated() ? result.nextUploadIdMarker() : null, nz(prefix), delimiter, max,
                result.truncated(), uploads, prefixes)));
    }

    static int partNumber(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_PARTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the S3 error
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000,"
                + " inclusive");
    }

    private static int intParam(S3Request req, String name, int dflt, int min, int max) {
        String v = req.param(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the S3 error
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid value for " + name + ": " + v);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
