package io.cairn.gateway.post;

import io.cairn.presign.PostCondition;
import io.cairn.presign.PostPolicyCheck;
import io.cairn.presign.PostPolicyException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The file part as the object layer reads it: fails as soon as it passes the policy's maximum and at its
 * end if it is under the minimum, so the object layer stores nothing in either case.
 */
final class RangeLimitedStream extends FilterInputStream {

    private final PostCondition.ContentLengthRange range;
    private long count;
    private PostPolicyException failure;

    RangeLimitedStream(InputStream in, PostCondition.ContentLengthRange range) {
        super(in);
        this.range = range;
    }

    /** Why reading failed, when the size broke the policy. */
    PostPolicyException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int r = super.read(b, off, len);
        if (range == null) {
            return r;
        }
        try {
            if (r < 0) {
                PostPolicyCheck.checkSize(range, count);
            } else {
                count += r;
                if (count > range.max()) {
                    PostPolicyCheck.checkSize(range, count);
                }
            }
        } catch (PostPolicyException e) {
            failure = e;
            throw new IOException(e.getMessage(), e);
        }
        return r;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }
}
