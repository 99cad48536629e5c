package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.auth.BodyVerificationException;
import io.cairn.gateway.crypto.MasterKey;
import io.cairn.object.BodyReadException;
import io.cairn.object.PutOptions;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operations end to end below HTTP: routed requests against the in-memory object service. */
class S3ApiTest {

    private MemoryObjectService objects;
    private S3Api api;
    private final S3Router router = new S3Router(null);

    @BeforeEach
    void setUp() {
        objects = new MemoryObjectService();
        api = new S3Api(objects, "us-east-1");
        objects.createBucket("bkt");
    }

    private S3Response call(String method, String uri, String body, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null && !r.headers().contains("Content-Length")) {
            r.headers().set("Content-Length", bytes.length);
        }
        InputStream in = new ByteArrayInputStream(bytes);
        return api.handle(new S3Call(router.route(r, "REQ1"), "root", in, Map::of));
    }

    private void put(String key, String data) {
        objects.putObject("bkt", key, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), data.length(),
                PutOptions.of(Map.of()));
    }

    private static String xml(S3Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void listV2WithDelimiterAndContinuation() {
        for (String k : new String[] {"a/1", "a/2", "b", "c/1", "d"}) {
            put(k, "x");
        }
        String first = xml(call("GET", "/bkt?list-type=2&delimiter=/&max-keys=2", null));
        assertThat(first).contains("<KeyCount>2</KeyCount>", "<IsTruncated>true</IsTruncated>",
                "<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>", "<Key>b</Key>",
                "<NextContinuationToken>Yg</NextContinuationToken>");
        String second = xml(call("GET", "/bkt?list-type=2&delimiter=/&max-keys=2&continuation-token=Yg", null));
        assertThat(second).contains("<ContinuationToken>Yg</ContinuationToken>", "<Prefix>c/</Prefix>",
                "<Key>d</Key>", "<IsTruncated>false</IsTruncated>").doesNotContain("NextContinuationToken");
        assertThat(xml(call("GET", "/bkt?list-type=2&max-keys=0", null)))
                .contains("<KeyCount>0</KeyCount>", "<IsTruncated>false</IsTruncated>");
        assertThat(xml(call("GET", "/bkt?list-type=2&max-keys=-1", null))).contains("<Code>InvalidArgument</Code>");
        assertThat(xml(call("GET", "/bkt?list-type=2&continuation-token=%25%25", null)))
                .contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void urlEncodingTypeEncodesKeysAndPrefixesButNotAVersion1Prefix() {
        put("a b/c", "x");
        put("k+\u00e9", "x");
        String doc = xml(call("GET", "/bkt?list-type=2&encoding-type=url&delimiter=/", null));
        assertThat(doc).contains("<EncodingType>url</EncodingType>", "<Prefix>a%20b/</Prefix>",
                "<Key>k%2B%C3%A9</Key>");
        String v2 = xml(call("GET", "/bkt?list-type=2&encoding-type=url&prefix=a%20", null));
        assertThat(v2).contains("<Prefix>a%20</Prefix>", "<Key>a%20b/c</Key>");
        String v1 = xml(call("GET", "/bkt?encoding-type=url&prefix=a%20&delimiter=/", null));
        assertThat(v1).contains("<Prefix>a </Prefix>", "<Prefix>a%20b/</Prefix>", "<Delimiter>/</Delimiter>");
        assertThat(xml(call("GET", "/bkt?encoding-type=url&prefix=%0A", null))).contains("<Prefix>\n</Prefix>");
    }

    @Test
    void conditionalsFollowS3Precedence() {
        put("k", "data");
        String etag = "\"" + objects.headObject("bkt", "k", null).etag() + "\"";
        String past = HttpDates.format(Instant.now().minusSeconds(3600));
        String future = HttpDates.format(Instant.now().plusSeconds(3600));
        assertThat(call("GET", "/bkt/k", null, "If-Match", etag, "If-Unmodified-Since", past).status().code())
                .isEqualTo(200);
        assertThat(call("GET", "/bkt/k", null, "If-Match", "\"x\"").status().code()).isEqualTo(412);
        assertThat(call("GET", "/bkt/k", null, "If-Unmodified-Since", past).status().code()).isEqualTo(412);
        assertThat(call("GET", "/bkt/k", null, "If-None-Match", etag).status().code()).isEqualTo(304);
        assertThat(call("GET", "/bkt/k", null, "If-None-Match", "\"x\"", "If-Modified-Since", future).status().code())
                .isEqualTo(200);
        assertThat(call("GET", "/bkt/k", null, "If-Modified-Since", future).status().code()).isEqualTo(304);
        S3Response notModified = call("HEAD", "/bkt/k", null, "If-None-Match", "*");
        assertThat(notModified.status().code()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().get("ETag")).isEqualTo(etag);
    }

    @Test
    void putValidatesLengthMetadataAndConditionalCreate() {
        assertThat(xml(call("PUT", "/bkt/k", null))).contains("<Code>MissingContentLength</Code>");
        assertThat(call("PUT", "/bkt/k", null).status().code()).isEqualTo(411);
        assertThat(xml(call("PUT", "/bkt/k", null, "Content-Length", "5368709121")))
                .contains("<Code>EntityTooLarge</Code>");
        assertThat(xml(call("PUT", "/bkt/k", "x", "x-amz-meta-a", "v".repeat(2048))))
                .contains("<Code>MetadataTooLarge</Code>");
        assertThat(call("PUT", "/bkt/k", "x", "If-None-Match", "*").status().code()).isEqualTo(200);
        S3Response again = call("PUT", "/bkt/k", "y", "If-None-Match", "*");
        assertThat(again.status().code()).isEqualTo(412);
        assertThat(xml(again)).contains("<Code>PreconditionFailed</Code>", "<Resource>/bkt/k</Resource>",
                "<RequestId>REQ1</RequestId>");
    }

    @Test
    void bodyVerificationFailuresKeepTheirS3Code() {
        BodyVerificationException bad = new BodyVerificationException(BodyVerificationException.Reason.CHECKSUM_MISMATCH,
                "The CRC32 you specified did not match the calculated checksum.");
        S3Error error = S3ExceptionMapper.map(new BodyReadException("body failed", bad));
        assertThat(error.code()).isEqualTo(S3ErrorCode.BAD_DIGEST);
        assertThat(error.message()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
        assertThat(S3ExceptionMapper.map(new IllegalStateException("boom")).code())
                .isEqualTo(S3ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void deleteObjectsNeedsAnIntegrityHeaderAndWellFormedXml() {
        put("a", "1");
        put("b", "2");
        String body = "<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object><Object><Key>b</Key></Object></Delete>";
        assertThat(xml(call("POST", "/bkt?delete", body))).contains("<Code>InvalidRequest</Code>");
        S3Response quiet = call("POST", "/bkt?delete", body, "Content-MD5", "ignored-by-this-test");
        assertThat(xml(quiet)).isEqualTo("<?xml version='1.0' encoding='UTF-8'?>"
                + "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
        assertThat(xml(call("POST", "/bkt?delete", "<Delete><Object>", "Content-MD5", "x")))
                .contains("<Code>MalformedXML</Code>");
    }

    @Test
    void tagSetsComeBackSortedByKeyWhateverTheOrderSent() {
        assertThat(call("PUT", "/bkt/k", "data", "x-amz-tagging", "foo=bar&bar").status().code()).isEqualTo(200);
        assertThat(xml(call("GET", "/bkt/k?tagging", null))).contains("<TagSet><Tag><Key>bar</Key><Value></Value></Tag>"
                + "<Tag><Key>foo</Key><Value>bar</Value></Tag></TagSet>");
        String tags = "<Tagging><TagSet><Tag><Key>z</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag>"
                + "</TagSet></Tagging>";
        assertThat(call("PUT", "/bkt/k?tagging", tags, "Content-MD5", "x").status().code()).isEqualTo(200);
        assertThat(xml(call("GET", "/bkt/k?tagging", null))).contains("<TagSet><Tag><Key>a</Key><Value>2</Value></Tag>"
                + "<Tag><Key>z</Key><Value>1</Value></Tag></TagSet>");
    }

    @Test
    void unknownAndUnimplementedOperations() {
        S3Response r = call("GET", "/bkt?website", null);
        assertThat(r.status().code()).isEqualTo(501);
        assertThat(xml(r)).contains("<Code>NotImplemented</Code>");
    }

    @Test
    void familiesPassedInServeTheirOperationsButNeverReplaceAnother() {
        OperationFamily website = table -> table.put(S3Operation.GetBucketWebsite, c -> S3Response.noContent());
        api = new S3Api(objects, "us-east-1", MasterKey.ephemeral(), List.of(website));
        assertThat(call("GET", "/bkt?website", null).status().code()).isEqualTo(204);

        OperationFamily shadow = table -> table.put(S3Operation.GetObject, c -> S3Response.noContent());
        assertThatThrownBy(() -> new S3Api(objects, "us-east-1", MasterKey.ephemeral(), List.of(shadow)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GetObject");
    }
}
