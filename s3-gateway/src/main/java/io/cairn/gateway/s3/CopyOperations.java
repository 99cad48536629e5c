package io.cairn.gateway.s3;

import io.cairn.gateway.object.ByteRange;
import io.cairn.gateway.object.ObjectInfo;
import io.cairn.gateway.object.ObjectService;
import io.cairn.gateway.object.PartInfo;
import io.cairn.gateway.object.PutOptions;
import io.cairn.gateway.xml.CopyResult;
import io.cairn.gateway.xml.Xml;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CopyObject (metadata and tagging directives COPY/REPLACE, x-amz-copy-source-if-* conditions) and
 * UploadPartCopy (with x-amz-copy-source-range). Data is streamed from source to target through the
 * object layer, one chunk at a time.
 */
final class CopyOperations {

    /** S3 refuses single-request copies of larger objects. */
    static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    private final ObjectService objects;

    CopyOperations(ObjectService objects) {
        this.objects = objects;
    }

    void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.CopyObject, this::copyObject);
        table.put(S3Operation.UploadPartCopy, this::uploadPartCopy);
    }

    private S3Response copyObject(S3Call call) {
        S3Request req = call.request();
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        ObjectInfo source = objects.headObject(src.bucket(), src.key(), src.versionId());
        Conditionals.checkCopySource(req, source);
        boolean replaceMeta = directive(req, "x-amz-metadata-directive");
        boolean replaceTags = directive(req, "x-amz-tagging-directive");
        Map<String, String> metadata = metadata(req, source, replaceMeta, replaceTags);
        boolean sameObject = src.bucket().equals(req.bucket()) && src.key().equals(req.key())
                && src.versionId() == null;
        ObjectInfo target;
        if (sameObject) {
            if (!replaceMeta && !replaceTags) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is"
                        + " trying to copy an object to itself without changing the object's metadata, storage"
                        + " class, website redirect location or encryption attributes.");
            }
            target = objects.updateMetadata(req.bucket(), req.key(), source.versionId(), metadata);
        } else {
            if (source.size() > MAX_COPY_SIZE) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The specified copy source is larger than the"
                        + " maximum allowable size for a copy source: " + MAX_COPY_SIZE);
            }
            try (InputStream in = new ContentInputStream(objects.getObject(src.bucket(), src.key(),
                    src.versionId(), null))) {
                target = objects.putObject(req.bucket(), req.key(), in, source.size(),
                        new PutOptions(metadata, "*".equals(req.header("If-None-Match")), null));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        S3Response r = S3Response.xml(Xml.write(new CopyResult(Xml.timestamp(target.lastModified()),
                ETags.quote(target.etag()))));
        versionHeaders(r, source, target);
        return r;
    }

    private S3Response uploadPartCopy(S3Call call) {
        S3Request req = call.request();
        int partNumber = MultipartOperations.partNumber(req.param("partNumber"));
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        ObjectInfo source = objects.headObject(src.bucket(), src.key(), src.versionId());
        Conditionals.checkCopySource(req, source);
        long offset = 0;
        long length = source.size();
        String rangeHeader = req.header("x-amz-copy-source-range");
        if (rangeHeader != null) {
            ByteRange range = RangeHeader.parse(rangeHeader);
            long[] resolved = range == null || range.first() < 0 ? null : range.resolve(source.size());
            if (resolved == null || range.last() >= source.size()) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of"
                        + " the form bytes=first-last where first and last are the zero-based offsets of the first"
                        + " and last bytes to copy");
            }
            offset = resolved[0];
            length = resolved[1];
        }
        if (length > MAX_COPY_SIZE) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The specified copy source is larger than the"
                    + " maximum allowable size for a copy source: " + MAX_COPY_SIZE);
        }
        ByteRange read = length == 0 ? null : ByteRange.of(offset, offset + length - 1);
        PartInfo part;
        try (InputStream in = length == 0 ? InputStream.nullInputStream()
                : new ContentInputStream(objects.getObject(src.bucket(), src.key(), src.versionId(), read))) {
            part = objects.uploadPart(req.bucket(), req.key(), req.param("uploadId"), partNumber, in, length,
                    Map.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        S3Response r = S3Response.xml(Xml.write(new CopyResult(Xml.timestamp(part.lastModified()),
                ETags.quote(part.etag())), "CopyPartResult"));
        if (source.versionId() != null && !source.versionId().equals("null")) {
            r.header("x-amz-copy-source-version-id", source.versionId());
        }
        return r;
    }

    private static Map<String, String> metadata(S3Request req, ObjectInfo source, boolean replaceMeta,
                                                boolean replaceTags) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (replaceMeta) {
            metadata.putAll(ObjectHeaders.fromRequest(req.headers()));
            // The bytes do not change, so their checksums stay true.
            source.metadata().forEach((k, v) -> {
                if (k.startsWith(ObjectHeaders.CHECKSUM_PREFIX)) {
                    metadata.put(k, v);
                }
            });
        } else {
            metadata.putAll(source.metadata());
        }
        metadata.remove(ObjectHeaders.TAGGING);
        String tags = replaceTags ? req.header("x-amz-tagging") : source.metadata().get(ObjectHeaders.TAGGING);
        if (tags != null && !tags.isEmpty()) {
            metadata.put(ObjectHeaders.TAGGING, replaceTags
                    ? TagSets.canonical(TagSets.parseQuery(tags), TagSets.OBJECT_LIMIT) : tags);
        }
        return metadata;
    }

    /** True for REPLACE, false for COPY (the default). */
    private static boolean directive(S3Request req, String header) {
        String v = req.header(header);
        if (v == null || v.equals("COPY")) {
            return false;
        }
        if (v.equals("REPLACE")) {
            return true;
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown " + header + ": " + v);
    }

    private static void versionHeaders(S3Response r, ObjectInfo source, ObjectInfo target) {
        if (source.versionId() != null && !source.versionId().equals("null")) {
            r.header("x-amz-copy-source-version-id", source.versionId());
        }
        if (target.versionId() != null && !target.versionId().equals("null")) {
            r.header("x-amz-version-id", target.versionId());
        }
    }
}
