package io.cairn.gateway.s3;

import io.cairn.gateway.checksum.ChecksumAlgorithm;
import io.cairn.gateway.checksum.CompositeChecksum;
import io.cairn.object.CompletedPart;
import io.cairn.object.ListPartsResult;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.object.PartInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checksums of multipart objects. CreateMultipartUpload names an algorithm (x-amz-checksum-algorithm) and
 * a type (x-amz-checksum-type): COMPOSITE, the checksum of the parts' checksums suffixed "-N", or
 * FULL_OBJECT, the CRC of the whole object combined from the parts' CRCs. Each part is uploaded with its
 * checksum; completion computes the object's, checks it against any the client sent, and keeps the parts'
 * so a partNumber read can report its part's checksum.
 */
final class MultipartChecksums {

    static final String ALGORITHM = "cairn-checksum-algorithm";
    static final String TYPE = "cairn-checksum-type";
    static final String PARTS = "cairn-part-checksums";
    static final String TYPE_HEADER = "x-amz-checksum-type";
    private static final String COMPOSITE = "COMPOSITE";
    private static final String FULL_OBJECT = "FULL_OBJECT";

    private MultipartChecksums() {
    }

    /** CreateMultipartUpload: records the requested checksum in the upload's metadata. */
    static void begin(S3Request req, Map<String, String> uploadMetadata) {
        String name = req.header("x-amz-checksum-algorithm");
        String type = req.header(TYPE_HEADER);
        if (name == null) {
            if (type != null) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            }
            return;
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(name.trim()).orElseThrow(() ->
                new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum algorithm " + name + " is not supported."));
        boolean crc = CrcCombine.parameters(algorithm) != null;
        String t = type == null ? (algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE)
                : type.trim().toUpperCase(Locale.ROOT);
        if (!t.equals(COMPOSITE) && !t.equals(FULL_OBJECT) || t.equals(FULL_OBJECT) && !crc
                || t.equals(COMPOSITE) && algorithm == ChecksumAlgorithm.CRC64NVME) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The " + t + " checksum type cannot be used with the "
                    + algorithm + " checksum algorithm.");
        }
        uploadMetadata.put(ALGORITHM, algorithm.name());
        uploadMetadata.put(TYPE, t);
    }

    /** The x-amz-checksum-algorithm/-type headers that echo what an upload was created with. */
    static void uploadHeaders(Map<String, String> uploadMetadata, S3Response r) {
        r.header("x-amz-checksum-algorithm", uploadMetadata.get(ALGORITHM));
        r.header(TYPE_HEADER, uploadMetadata.get(TYPE));
    }

    /**
     * CompleteMultipartUpload: the object's checksum metadata (empty when the upload has no algorithm).
     * BadDigest when a part lacks its checksum or the client's object checksum differs; InvalidPart when a
     * part checksum in the request differs from the uploaded one.
     */
    static Map<String, String> complete(ObjectService objects, S3Request req, String uploadId,
                                        Map<String, String> uploadMetadata, List<CompletedPart> parts,
                                        Map<Integer, String> requestedPartChecksums) {
        String name = uploadMetadata.get(ALGORITHM);
        if (name == null) {
            return Map.of();
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(name);
        String type = uploadMetadata.getOrDefault(TYPE, COMPOSITE);
        Map<Integer, PartInfo> uploaded = uploadedParts(objects, req, uploadId);
        List<String> partChecksums = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (CompletedPart p : parts) {
            PartInfo info = uploaded.get(p.partNumber());
            String value = info == null ? null : info.metadata().get(algorithm.headerName());
            if (info == null) {
                return Map.of(); // the object layer answers InvalidPart
            }
            if (value == null) {
                throw new S3Exception(S3ErrorCode.BAD_DIGEST, "Part " + p.partNumber() + " was uploaded without a "
                        + algorithm + " checksum.");
            }
            String asked = requestedPartChecksums.get(p.partNumber());
            if (asked != null && !asked.trim().equals(value)) {
                throw new S3Exception(S3ErrorCode.INVALID_PART, "The " + algorithm + " checksum of part "
                        + p.partNumber() + " does not match the uploaded part.");
            }
            partChecksums.add(value);
            sizes.add(info.size());
        }
        String objectChecksum = type.equals(FULL_OBJECT) ? fullObject(algorithm, partChecksums, sizes)
                : CompositeChecksum.of(algorithm, partChecksums);
        String claimed = req.header(algorithm.headerName());
        if (claimed != null && !withoutPartCount(claimed.trim()).equals(withoutPartCount(objectChecksum))) {
            throw new S3Exception(S3ErrorCode.BAD_DIGEST, "The " + algorithm + " checksum you specified did not"
                    + " match the calculated checksum " + objectChecksum + ".");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(algorithm.headerName(), objectChecksum);
        out.put(TYPE_HEADER, type);
        out.put(PARTS, String.join(" ", partChecksums));
        return out;
    }

    /** GET/HEAD ?partNumber=N with checksum mode: the part's checksum instead of the object's. */
    static void partHeaders(ObjectInfo info, int partNumber, S3Response r) {
        String name = info.metadata().get(ALGORITHM);
        List<String> values = partChecksums(info);
        if (name != null && partNumber >= 1 && partNumber <= values.size()) {
            r.header(ChecksumAlgorithm.valueOf(name).headerName(), values.get(partNumber - 1));
            r.header(TYPE_HEADER, info.metadata().get(TYPE_HEADER));
        }
    }

    /** The checksums of a multipart object's parts in part order; empty when its upload had no algorithm. */
    static List<String> partChecksums(ObjectInfo info) {
        String parts = info.metadata().get(PARTS);
        return parts == null || parts.isEmpty() ? List.of() : List.of(parts.split(" "));
    }

    private static Map<Integer, PartInfo> uploadedParts(ObjectService objects, S3Request req, String uploadId) {
        Map<Integer, PartInfo> out = new HashMap<>();
        int marker = 0;
        while (true) {
            ListPartsResult page = objects.listParts(req.bucket(), req.key(), uploadId, marker,
                    MultipartOperations.MAX_LIST);
            for (PartInfo p : page.parts()) {
                out.put(p.partNumber(), p);
            }
            if (!page.truncated() || page.parts().isEmpty()) {
                return out;
            }
            marker = page.nextPartNumberMarker();
        }
    }

    private static String fullObject(ChecksumAlgorithm algorithm, List<String> partChecksums, List<Long> sizes) {
        long[] p = CrcCombine.parameters(algorithm);
        int width = (int) p[1];
        long crc = 0;
        for (int i = 0; i < partChecksums.size(); i++) {
            long part = CrcCombine.fromBytes(Base64.getDecoder().decode(partChecksums.get(i)));
            crc = i == 0 ? part : CrcCombine.combine(crc, part, sizes.get(i), p[0], width);
        }
        return Base64.getEncoder().encodeToString(CrcCombine.toBytes(crc, width));
    }

    private static String withoutPartCount(String checksum) {
        int dash = checksum.lastIndexOf('-');
        return dash > 0 ? checksum.substring(0, dash) : checksum;
    }
}
