package io.cairn.gateway.s3;

import io.cairn.object.BucketInfo;
import java.util.Comparator;
import java.util.List;

/** Parameters of a paged ListBuckets. */
final class ListBucketsPage {

    private ListBucketsPage() {
    }

    static int maxBuckets(String value, int limit) {
        if (value == null) {
            return limit;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= limit) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the S3 error
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "max-buckets must be between 1 and " + limit);
    }

    static List<BucketInfo> sorted(List<BucketInfo> buckets) {
        return buckets.stream().sorted(Comparator.comparing(BucketInfo::name)).toList();
    }
}
