package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.object.CompletedPart;
import io.cairn.object.PartInfo;
import io.cairn.object.PutOptions;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GetObjectAttributes of multipart objects: part sizes, paging and each part's checksum. */
class ObjectAttributesTest {

    private MemoryObjectService objects;
    private S3Api api;
    private final S3Router router = new S3Router(null);

    @BeforeEach
    void setUp() {
        objects = new MemoryObjectService(5);
        api = new S3Api(objects, "us-east-1");
        objects.createBucket("bkt");
    }

    private String attributes(String key, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bkt/" + key + "?attributes");
        r.headers().set("x-amz-object-attributes", "ETag,Checksum,ObjectParts,ObjectSize");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        S3Response resp = api.handle(new S3Call(router.route(r, "REQ1"), "root",
                new ByteArrayInputStream(new byte[0]), Map::of));
        assertThat(resp.status().code()).isEqualTo(200);
        return new String(resp.body(), StandardCharsets.UTF_8);
    }

    /** Uploads parts of 5, 5 and 2 bytes and completes them with {@code metadata}. */
    private void storeMultipart(String key, Map<String, String> metadata) {
        String id = objects.createMultipartUpload("bkt", key, Map.of());
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (int size : new int[] {5, 5, 2}) {
            PartInfo p = objects.uploadPart("bkt", key, id, number, new ByteArrayInputStream(new byte[size]), size,
                    Map.of());
            parts.add(new CompletedPart(number++, p.etag()));
        }
        objects.completeMultipartUpload("bkt", key, id, parts, PutOptions.of(metadata));
    }

    @Test
    void partsCarryTheChecksumsTheyWereUploadedWith() {
        storeMultipart("sha", Map.of(MultipartChecksums.ALGORITHM, "SHA256", MultipartChecksums.TYPE_HEADER,
                "COMPOSITE", "x-amz-checksum-sha256", "b2JqZWN0-3", MultipartChecksums.PARTS, "cDE= cDI= cDM="));
        String doc = attributes("sha", "x-amz-max-parts", "2");
        assertThat(doc).contains("<ChecksumSHA256>b2JqZWN0-3</ChecksumSHA256><ChecksumType>COMPOSITE</ChecksumType>",
                "<PartsCount>3</PartsCount>", "<IsTruncated>true</IsTruncated>",
                "<Part><ChecksumSHA256>cDE=</ChecksumSHA256><PartNumber>1</PartNumber><Size>5</Size></Part>",
                "<Part><ChecksumSHA256>cDI=</ChecksumSHA256><PartNumber>2</PartNumber><Size>5</Size></Part>")
                .doesNotContain("cDM=");
        assertThat(attributes("sha", "x-amz-part-number-marker", "2"))
                .contains("<Part><ChecksumSHA256>cDM=</ChecksumSHA256><PartNumber>3</PartNumber><Size>2</Size></Part>");
    }

    @Test
    void partsOfAnUploadWithoutChecksumsHaveNone() {
        storeMultipart("plain", Map.of());
        assertThat(attributes("plain")).contains("<Part><PartNumber>1</PartNumber><Size>5</Size></Part>",
                "<Part><PartNumber>3</PartNumber><Size>2</Size></Part>").doesNotContain("Checksum");
    }
}
