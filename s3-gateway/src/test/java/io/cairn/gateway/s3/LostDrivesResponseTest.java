package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.erasure.StripeLayout;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.ObjectContent;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives lost beyond the scheme's tolerance are one answer to S3 clients: 503 SlowDown, which SDKs retry,
 * never NoSuchKey or NoSuchBucket for data that is only out of reach, never an empty listing.
 */
class LostDrivesResponseTest {

    private final S3Router router = new S3Router(null);
    private final List<InMemoryShardStore> drives = new ArrayList<>();
    private ErasureObjectService objects;
    private S3Api api;

    @BeforeEach
    void setUp() {
        for (int i = 1; i <= 4; i++) {
            drives.add(new InMemoryShardStore("memory-" + i));
        }
        objects = new ErasureObjectService(new ArrayList<ShardStore>(drives), new StripeLayout(2, 2, 16 * 1024));
        api = new S3Api(objects, "us-east-1");
        assertThat(call("PUT", "/bkt", null).status().code()).isEqualTo(200);
        assertThat(call("PUT", "/bkt/k", "x".repeat(40_000)).status().code()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() {
        objects.close();
    }

    private S3Response call(String method, String uri, String body) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        r.headers().set("Content-Length", bytes.length);
        return api.handle(new S3Call(router.route(r, "REQ1"), "root", true, new ByteArrayInputStream(bytes),
                Map::of));
    }

    private void lose(int count) {
        for (int i = 0; i < count; i++) {
            drives.get(i).setOnline(false);
        }
    }

    @Test
    void readsBeyondTheReadQuorumAreSlowDown() {
        lose(3);
        for (String uri : new String[] {"/bkt/k", "/bkt?list-type=2", "/bkt?versions", "/bkt?uploads"}) {
            S3Response r = call("GET", uri, null);
            assertThat(r.status().code()).as(uri).isEqualTo(503);
            assertThat(r.errorCode()).as(uri).isEqualTo("SlowDown");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(uri).contains("<Code>SlowDown</Code>");
        }
        S3Response head = call("HEAD", "/bkt/k", null);
        assertThat(head.status().code()).isEqualTo(503);
        assertThat(head.body()).isNullOrEmpty();
    }

    @Test
    void writesBeyondTheWriteQuorumAreSlowDownWhileReadsStillWork() {
        lose(2);
        assertThat(length(call("GET", "/bkt/k", null))).isEqualTo(40_000);
        for (String[] req : new String[][] {{"PUT", "/bkt/k", "new"}, {"PUT", "/bkt/big", "y".repeat(40_000)},
                {"DELETE", "/bkt/k", null}, {"POST", "/bkt/k?uploads", null}, {"PUT", "/other", null}}) {
            S3Response r = call(req[0], req[1], req[2]);
            assertThat(r.status().code()).as(req[0] + " " + req[1]).isEqualTo(503);
            assertThat(r.errorCode()).as(req[0] + " " + req[1]).isEqualTo("SlowDown");
        }
        drives.forEach(d -> d.setOnline(true));
        assertThat(call("HEAD", "/other", null).status().code()).isEqualTo(404);
        assertThat(length(call("GET", "/bkt/k", null))).isEqualTo(40_000);
    }

    /** The length of a successful GET's streamed body, read to its end. */
    private static long length(S3Response r) {
        assertThat(r.status().code()).isEqualTo(200);
        long n = 0;
        try (ObjectContent c = r.content()) {
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                n += b.remaining();
            }
        }
        return n;
    }
}
