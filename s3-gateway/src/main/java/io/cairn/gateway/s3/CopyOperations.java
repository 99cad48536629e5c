package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.SseMetadata;
import io.cairn.gateway.crypto.SseRequest;
import io.cairn.object.ByteRange;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.object.PartInfo;
import io.cairn.object.PutOptions;
import io.cairn.gateway.xml.CopyResult;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CopyObject (metadata and tagging directives COPY/REPLACE, x-amz-copy-source-if-* conditions) and
 * UploadPartCopy (with x-amz-copy-source-range). Data is streamed from source to target through the
 * object layer, one chunk at a time.
 */
final class CopyOperations implements OperationFamily {

    /** The tag of a copy's write, so that its event is s3:ObjectCreated:Copy (see the notify package). */
    static final String ORIGIN = "Copy";


    /** S3 refuses single-request copies of larger objects. */
    static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    private final ObjectService objects;
    private final ObjectEncryption encryption;
    private final AclSettings acls;

    CopyOperations(ObjectService objects, ObjectEncryption encryption, AclSettings acls) {
        this.objects = objects;
        this.encryption = encryption;
        this.acls = acls;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.CopyObject, this::copyObject);
        table.put(S3Operation.UploadPartCopy, this::uploadPartCopy);
    }

    private S3Response copyObject(S3Call call) {
        S3Request req = call.request();
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        ObjectEncryption.Reader plain = encryption.copySourceReader(req,
                objects.headObject(src.bucket(), src.key(), src.versionId()));
        ObjectInfo source = plain.view();
        Conditionals.checkCopySource(req, source);
        boolean replaceMeta = directive(req, "x-amz-metadata-directive");
        boolean replaceTags = directive(req, "x-amz-tagging-directive");
        // The target is encrypted anew (or not at all): the source's keys never carry over.
        Map<String, String> metadata = new LinkedHashMap<>(
                SseMetadata.withoutEncryption(metadata(req, source, replaceMeta, replaceTags)));
        acls.forNewObject(call, metadata);
        SseRequest targetSse = encryption.forWrite(req);
        boolean sameObject = src.bucket().equals(req.bucket()) && src.key().equals(req.key())
                && src.versionId() == null;
        ObjectEncryption.Sse<ObjectInfo> target;
        if (sameObject && (plain.encrypted() || targetSse != null)) {
            if (!replaceMeta && !replaceTags && EncryptionHeaders.forWrite(req) == null) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is"
                        + " trying to copy an object to itself without changing the object's metadata, storage"
                        + " class, website redirect location or encryption attributes.");
            }
            metadata.putAll(ObjectLockOperations.forNewObject(objects, req.bucket(), req.headers(), Instant.now()));
            target = copyData(req, plain, source, metadata, targetSse);
        } else if (sameObject) {
            if (!replaceMeta && !replaceTags) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is"
                        + " trying to copy an object to itself without changing the object's metadata, storage"
                        + " class, website redirect location or encryption attributes.");
            }
            // the same version, changed in place, keeps its lock
            ObjectLockOperations.keepLock(source.metadata(), metadata);
            target = new ObjectEncryption.Sse<>(objects.updateMetadata(req.bucket(), req.key(), source.versionId(),
                    metadata), null, null);
        } else {
            metadata.putAll(ObjectLockOperations.forNewObject(objects, req.bucket(), req.headers(), Instant.now()));
            target = copyData(req, plain, source, metadata, targetSse);
        }
        S3Response r = S3Response.xml(Xml.write(new CopyResult(Xml.timestamp(target.value().lastModified()),
                ETags.quote(target.value().etag()))));
        versionHeaders(r, source, target.value());
        target.headers(r);
        return r;
    }

    /** Streams the source's plaintext into the target, encrypting it as the target asks. */
    private ObjectEncryption.Sse<ObjectInfo> copyData(S3Request req, ObjectEncryption.Reader plain, ObjectInfo source,
                                                     Map<String, String> metadata, SseRequest targetSse) {
        if (source.size() > MAX_COPY_SIZE) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The specified copy source is larger than the"
                    + " maximum allowable size for a copy source: " + MAX_COPY_SIZE);
        }
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        try (InputStream in = new ContentInputStream(plain.open(src.versionId(), null))) {
            return encryption.put(req.bucket(), req.key(), in, source.size(),
                    new PutOptions(metadata, "*".equals(req.header("If-None-Match")), null).withOrigin(ORIGIN),
                    targetSse);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private S3Response uploadPartCopy(S3Call call) {
        S3Request req = call.request();
        int partNumber = MultipartOperations.partNumber(req.param("partNumber"));
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        ObjectEncryption.Reader plain = encryption.copySourceReader(req,
                objects.headObject(src.bucket(), src.key(), src.versionId()));
        ObjectInfo source = plain.view();
        Conditionals.checkCopySource(req, source);
        long offset = 0;
        long length = source.size();
        String rangeHeader = req.header("x-amz-copy-source-range");
        if (rangeHeader != null) {
            ByteRange range = RangeHeader.parse(rangeHeader);
            long[] resolved = range == null || range.first() < 0 || range.last() < 0 ? null
                    : range.resolve(source.size());
            if (range != null && range.first() >= 0 && range.last() >= source.size()) {
                throw new S3Exception(S3ErrorCode.INVALID_RANGE, "The x-amz-copy-source-range " + rangeHeader
                        + " is not satisfiable: the source is " + source.size() + " bytes long");
            }
            if (resolved == null) {
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
        ObjectEncryption.Sse<PartInfo> written;
        try (InputStream in = length == 0 ? InputStream.nullInputStream()
                : new ContentInputStream(plain.open(src.versionId(), read))) {
            written = encryption.uploadPart(req, partNumber, in, length, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PartInfo part = written.value();
        S3Response r = S3Response.xml(Xml.write(new CopyResult(Xml.timestamp(part.lastModified()),
                ETags.quote(part.etag())), "CopyPartResult"));
        written.headers(r);
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
        ObjectLockOperations.dropLock(metadata);
        metadata.remove(MultipartOperations.UPLOAD_ID);
        metadata.remove(MultipartChecksums.PARTS);
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
