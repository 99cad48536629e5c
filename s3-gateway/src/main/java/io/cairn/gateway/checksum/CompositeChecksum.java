package io.cairn.gateway.checksum;

import java.util.Base64;
import java.util.List;

/**
 * The checksum S3 reports for a multipart object: the algorithm applied to the concatenated binary
 * checksums of the parts, in part order, then "-{part count}".
 */
public final class CompositeChecksum {
    private CompositeChecksum() {
    }

    /** {@code partChecksums} are the parts' base64 values as stored; the result is e.g. "oVRLqw==-3". */
    public static String of(ChecksumAlgorithm algorithm, List<String> partChecksums) {
        RunningChecksum running = algorithm.start();
        for (String part : partChecksums) {
            byte[] raw = Base64.getDecoder().decode(part);
            if (raw.length != algorithm.length()) {
                throw new IllegalArgumentException("not a " + algorithm + " value: " + part);
            }
            running.update(raw, 0, raw.length);
        }
        return Base64.getEncoder().encodeToString(running.finish()) + "-" + partChecksums.size();
    }
}
