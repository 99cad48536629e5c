package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bucket ownership controls: set on CreateBucket or by Put, read back, deleted, and their S3 errors. */
class BucketOwnershipTest {

    private MemoryObjectService objects;
    private S3Api api;
    private final S3Router router = new S3Router(null);

    @BeforeEach
    void setUp() {
        objects = new MemoryObjectService();
        api = new S3Api(objects, "us-east-1");
    }

    private S3Response call(String method, String uri, String body, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        r.headers().set("Content-Length", bytes.length);
        return api.handle(new S3Call(router.route(r, "REQ1"), "root", new ByteArrayInputStream(bytes), Map::of));
    }

    private static String xml(S3Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String controls(String setting) {
        return "<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ObjectOwnership>"
                + setting + "</ObjectOwnership></Rule></OwnershipControls>";
    }

    @Test
    void createBucketHeaderSetsTheControls() {
        assertThat(call("PUT", "/bkt", null, "x-amz-object-ownership", "ObjectWriter").status().code())
                .isEqualTo(200);
        S3Response got = call("GET", "/bkt?ownershipControls", null);
        assertThat(got.status().code()).isEqualTo(200);
        assertThat(xml(got)).contains("<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
                + "<ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>");
        S3Response bad = call("PUT", "/other", null, "x-amz-object-ownership", "Everyone");
        assertThat(bad.status().code()).isEqualTo(400);
        assertThat(xml(bad)).contains("<Code>InvalidArgument</Code>");
        assertThat(call("HEAD", "/other", null).status().code()).isEqualTo(404);
    }

    @Test
    void putGetDeleteAndNotFound() {
        call("PUT", "/bkt", null);
        S3Response none = call("GET", "/bkt?ownershipControls", null);
        assertThat(none.status().code()).isEqualTo(404);
        assertThat(xml(none)).contains("<Code>OwnershipControlsNotFoundError</Code>",
                "<Message>The bucket ownership controls were not found</Message>");
        assertThat(call("PUT", "/bkt?ownershipControls", controls("BucketOwnerEnforced")).status().code())
                .isEqualTo(200);
        assertThat(xml(call("GET", "/bkt?ownershipControls", null)))
                .contains("<ObjectOwnership>BucketOwnerEnforced</ObjectOwnership>");
        assertThat(xml(call("PUT", "/bkt?ownershipControls", controls("Nobody"))))
                .contains("<Code>MalformedXML</Code>");
        assertThat(xml(call("GET", "/bkt?ownershipControls", null)))
                .contains("<ObjectOwnership>BucketOwnerEnforced</ObjectOwnership>");
        assertThat(call("DELETE", "/bkt?ownershipControls", null).status().code()).isEqualTo(204);
        assertThat(call("GET", "/bkt?ownershipControls", null).status().code()).isEqualTo(404);
        assertThat(call("DELETE", "/bkt?ownershipControls", null).status().code()).isEqualTo(204);
        assertThat(xml(call("GET", "/nobkt?ownershipControls", null))).contains("<Code>NoSuchBucket</Code>");
    }
}
