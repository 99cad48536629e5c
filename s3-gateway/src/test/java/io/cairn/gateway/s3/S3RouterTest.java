package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class S3RouterTest {

    private final S3Router router = new S3Router("s3.local");

    private S3Request route(String method, String uri, String host, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        r.headers().set("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        return router.route(r, "id");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /, ListBuckets",
            "PUT, /bkt, CreateBucket",
            "HEAD, /bkt, HeadBucket",
            "DELETE, /bkt/, DeleteBucket",
            "GET, /bkt, ListObjects",
            "GET, /bkt?list-type=2&prefix=a, ListObjectsV2",
            "GET, /bkt?location, GetBucketLocation",
            "GET, /bkt?versioning, GetBucketVersioning",
            "PUT, /bkt?versioning, PutBucketVersioning",
            "GET, /bkt?versions, ListObjectVersions",
            "GET, /bkt?uploads, ListMultipartUploads",
            "POST, /bkt?delete, DeleteObjects",
            "GET, /bkt?tagging, GetBucketTagging",
            "PUT, /bkt?tagging, PutBucketTagging",
            "DELETE, /bkt?tagging, DeleteBucketTagging",
            "GET, /bkt?acl, GetBucketAcl",
            "PUT, /bkt?cors, PutBucketCors",
            "GET, /bkt?foo, Unknown",
            "PUT, /bkt/k, PutObject",
            "GET, /bkt/k?x-id=GetObject, GetObject",
            "HEAD, /bkt/k, HeadObject",
            "DELETE, /bkt/k, DeleteObject",
            "POST, /bkt/k?uploads, CreateMultipartUpload",
            "PUT, /bkt/k?partNumber=1&uploadId=u, UploadPart",
            "POST, /bkt/k?uploadId=u, CompleteMultipartUpload",
            "DELETE, /bkt/k?uploadId=u, AbortMultipartUpload",
            "GET, /bkt/k?uploadId=u, ListParts",
            "GET, /bkt/k?tagging, GetObjectTagging",
            "PUT, /bkt/k?tagging, PutObjectTagging",
            "DELETE, /bkt/k?tagging, DeleteObjectTagging",
            "GET, /bkt/k?attributes, GetObjectAttributes",
            "POST, /bkt/k?restore, RestoreObject",
    })
    void routesPathStyle(String method, String uri, S3Operation expected) {
        assertThat(route(method, uri, "127.0.0.1:9000").operation()).isEqualTo(expected);
    }

    @Test
    void copySourceTurnsPutsIntoCopies() {
        assertThat(route("PUT", "/bkt/k", "h", "x-amz-copy-source", "/a/b").operation())
                .isEqualTo(S3Operation.CopyObject);
        assertThat(route("PUT", "/bkt/k?partNumber=2&uploadId=u", "h", "x-amz-copy-source", "/a/b").operation())
                .isEqualTo(S3Operation.UploadPartCopy);
    }

    @Test
    void decodesKeysAndKeepsPlusLiteral() {
        S3Request r = route("GET", "/bkt/dir/a%20b+c/%E2%82%AC//x", "h");
        assertThat(r.bucket()).isEqualTo("bkt");
        assertThat(r.key()).isEqualTo("dir/a b+c/\u20ac//x");
        assertThat(r.resource()).isEqualTo("/bkt/dir/a%20b+c/%E2%82%AC//x");
    }

    @Test
    void virtualHostStyleWhenTheHostIsUnderTheDomain() {
        S3Request r = route("GET", "/photos/cat.jpg", "my-bucket.s3.local:9000");
        assertThat(r.bucket()).isEqualTo("my-bucket");
        assertThat(r.key()).isEqualTo("photos/cat.jpg");
        assertThat(r.operation()).isEqualTo(S3Operation.GetObject);
        S3Request list = route("GET", "/?list-type=2", "my-bucket.s3.local");
        assertThat(list.operation()).isEqualTo(S3Operation.ListObjectsV2);
        S3Request path = route("GET", "/other/k", "s3.local");
        assertThat(path.bucket()).isEqualTo("other");
        assertThat(path.key()).isEqualTo("k");
    }

    @Test
    void rejectsBadInputWithS3Codes() {
        assertThatThrownBy(() -> route("GET", "/Bad_Bucket/k", "h"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code())
                        .isEqualTo(S3ErrorCode.INVALID_BUCKET_NAME));
        assertThatThrownBy(() -> route("GET", "/bkt/" + "\u00e9".repeat(513), "h"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code())
                        .isEqualTo(S3ErrorCode.KEY_TOO_LONG));
        assertThatThrownBy(() -> route("GET", "/bkt/a%zz", "h"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_URI));
        assertThatThrownBy(() -> route("GET", "/bkt/%AE%8A-", "h"))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_URI);
                    assertThat(e.getMessage()).isEqualTo("Couldn't parse the specified URI.");
                });
        assertThat(route("GET", "/bkt/%C2%AE%C2%8A-", "h").key()).isEqualTo("\u00ae\u008a-");
        assertThatThrownBy(() -> route("PATCH", "/bkt/k", "h"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code())
                        .isEqualTo(S3ErrorCode.METHOD_NOT_ALLOWED));
        assertThatThrownBy(() -> route("PUT", "/", "h"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code())
                        .isEqualTo(S3ErrorCode.METHOD_NOT_ALLOWED));
    }

    @Test
    void wireCodesAreWrittenOutLiterally() {
        assertThat(S3ErrorCode.MALFORMED_XML.code()).isEqualTo("MalformedXML");
        assertThat(S3ErrorCode.KEY_TOO_LONG.code()).isEqualTo("KeyTooLongError");
        assertThat(S3ErrorCode.INVALID_RANGE.status().code()).isEqualTo(416);
        assertThat(S3ErrorCode.MISSING_CONTENT_LENGTH.status().code()).isEqualTo(411);
        assertThat(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU.status().code()).isEqualTo(409);
    }
}
