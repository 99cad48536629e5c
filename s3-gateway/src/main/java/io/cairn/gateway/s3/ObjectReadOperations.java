package io.cairn.gateway.s3;

import io.cairn.object.ByteRange;
import io.cairn.object.ObjectContent;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;

/**
 * GetObject and HeadObject: Range and partNumber, conditionals (304/412), response-* header overrides and
 * stored checksums on request (x-amz-checksum-mode: ENABLED).
 */
final class ObjectReadOperations implements OperationFamily {

    private static final String[][] OVERRIDES = {
            {"response-content-type", "Content-Type"}, {"response-content-language", "Content-Language"},
            {"response-expires", "Expires"}, {"response-cache-control", "Cache-Control"},
            {"response-content-disposition", "Content-Disposition"},
            {"response-content-encoding", "Content-Encoding"}};

    private final ObjectService objects;
    private final ObjectEncryption encryption;

    ObjectReadOperations(ObjectService objects, ObjectEncryption encryption) {
        this.objects = objects;
        this.encryption = encryption;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.GetObject, call -> read(call, false));
        table.put(S3Operation.HeadObject, call -> read(call, true));
    }

    private S3Response read(S3Call call, boolean head) {
        S3Request req = call.request();
        if (req.header(EncryptionHeaders.SSE) != null || req.header(EncryptionHeaders.KMS_KEY_ID) != null) {
            // Reads take no encryption settings but the SSE-C key; AWS refuses the others rather than ignore them.
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-server-side-encryption header is not"
                    + " supported for this operation.");
        }
        String versionId = req.param("versionId");
        ObjectEncryption.Reader plain = encryption.reader(req, objects.headObject(req.bucket(), req.key(), versionId));
        ObjectInfo info = plain.view();
        Conditionals.check(req, info);
        ByteRange range = partNumber(req, info);
        boolean partial = range != null;
        if (range == null) {
            range = RangeHeader.parse(req.header("Range"));
            partial = range != null;
        }
        long offset = 0;
        long length = info.size();
        if (range != null) {
            long[] resolved = range.resolve(info.size());
            if (resolved == null) {
                throw new S3Exception(S3ErrorCode.INVALID_RANGE, S3ErrorCode.INVALID_RANGE.defaultMessage(),
                        Map.of("Content-Range", "bytes */" + info.size()));
            }
            offset = resolved[0];
            length = resolved[1];
        }
        S3Response r = S3Response.of(partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
        boolean checksums = "ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode")) && !partial;
        ObjectHeaders.toResponse(info, r, checksums);
        if (req.param("partNumber") != null && info.etag().indexOf('-') > 0) {
            // A part of a multipart object: S3 tells how many parts there are, even when there is one.
            r.header("x-amz-mp-parts-count", Math.max(1, info.partSizes().size()));
            if ("ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode"))) {
                MultipartChecksums.partHeaders(info, Integer.parseInt(req.param("partNumber")), r);
            }
        }
        plain.headers(r);
        applyOverrides(req, r);
        r.header("Content-Length", length);
        if (partial) {
            r.header("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + info.size());
        }
        if (head || length == 0) {
            return r;
        }
        ObjectContent content = plain.open(versionId, partial ? ByteRange.of(offset, offset + length - 1) : null);
        return r.content(content);
    }

    /** The byte range of ?partNumber=N, or null when not asked. */
    private static ByteRange partNumber(S3Request req, ObjectInfo info) {
        String value = req.param("partNumber");
        if (value == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000");
        }
        if (n < 1 || n > 10000) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000");
        }
        List<Long> parts = info.partSizes().isEmpty() ? List.of(info.size()) : info.partSizes();
        if (n > parts.size()) {
            throw new S3Exception(S3ErrorCode.INVALID_PART, "The requested partnumber is not satisfiable");
        }
        long start = 0;
        for (int i = 0; i < n - 1; i++) {
            start += parts.get(i);
        }
        long size = parts.get(n - 1);
        if (size == 0) {
            return null;
        }
        return ByteRange.of(start, start + size - 1);
    }

    private static void applyOverrides(S3Request req, S3Response r) {
        for (String[] o : OVERRIDES) {
            String v = req.param(o[0]);
            if (v != null) {
                r.header(o[1], v);
            }
        }
    }
}
