package io.cairn.gateway.s3;

import io.cairn.object.ObjectContent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reading responses in tests of the S3 API. */
final class S3Responses {

    private S3Responses() {
    }

    /** The whole body, in memory or streamed (a streamed one is consumed). */
    static String text(S3Response r) {
        if (r.content() == null) {
            return r.body() == null ? "" : new String(r.body(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectContent content = r.content()) {
            for (ByteBuffer b = content.next(); b != null; b = content.next()) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
