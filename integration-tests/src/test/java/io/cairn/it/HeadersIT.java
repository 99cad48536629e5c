package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;

class HeadersIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void nonAsciiMetadataRoundTrips() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("meta"));
        s3.putObject(b -> b.bucket("meta").key("k").metadata(Map.of("greeting", "Hello World\u00e9")),
                RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket("meta").key("k")).metadata())
                .containsEntry("greeting", "Hello World\u00e9");
    }

    @Test
    void awsChunkedIsNotKeptAsContentEncoding() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("encoding"));
        for (String[] c : new String[][] {{"gzip, aws-chunked", "gzip"}, {"aws-chunked, gzip", "gzip"},
                {"deflate, gzip", "deflate, gzip"}}) {
            s3.putObject(b -> b.bucket("encoding").key("k").contentEncoding(c[0]), RequestBody.fromString("x"));
            assertThat(s3.headObject(b -> b.bucket("encoding").key("k")).contentEncoding()).as(c[0])
                    .isEqualTo(c[1]);
        }
        s3.putObject(b -> b.bucket("encoding").key("k").contentEncoding("aws-chunked"), RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket("encoding").key("k")).contentEncoding()).isNull();
    }

    @Test
    void emptyContentLengthIsABadRequestNotADroppedConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cluster.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /any/foo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \r\n\r\nbar")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(5000);
            String response = readAll(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 400 ").contains("connection: close");
        }
    }

    @Test
    void objectAttributesOfSimpleAndMultipartObjects() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("attrs"));
        String etag = s3.putObject(b -> b.bucket("attrs").key("simple").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("foo")).eTag();
        List<ObjectAttributes> all = List.of(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM,
                ObjectAttributes.OBJECT_PARTS, ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE);
        GetObjectAttributesResponse simple = s3.getObjectAttributes(b -> b.bucket("attrs").key("simple")
                .objectAttributes(all));
        assertThat(simple.eTag()).isEqualTo(etag.replace("\"", ""));
        assertThat(simple.objectSize()).isEqualTo(3L);
        assertThat(simple.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(simple.objectParts()).isNull();
        // SHA-256 of "foo"
        assertThat(simple.checksum().checksumSHA256()).isEqualTo("LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=");

        String uploadId = s3.createMultipartUpload(b -> b.bucket("attrs").key("mp")).uploadId();
        byte[] five = new byte[5 * 1024 * 1024];
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            int part = n;
            byte[] data = part < 3 ? five : new byte[7];
            String e = s3.uploadPart(b -> b.bucket("attrs").key("mp").uploadId(uploadId).partNumber(part),
                    RequestBody.fromBytes(data)).eTag();
            parts.add(CompletedPart.builder().partNumber(part).eTag(e).build());
        }
        s3.completeMultipartUpload(b -> b.bucket("attrs").key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        GetObjectAttributesResponse page = s3.getObjectAttributes(b -> b.bucket("attrs").key("mp")
                .objectAttributes(all).maxParts(1).partNumberMarker(1));
        assertThat(page.objectSize()).isEqualTo(2L * five.length + 7);
        assertThat(page.objectParts().totalPartsCount()).isEqualTo(3);
        assertThat(page.objectParts().isTruncated()).isTrue();
        assertThat(page.objectParts().nextPartNumberMarker()).isEqualTo(2);
        assertThat(page.objectParts().parts()).singleElement().satisfies(p -> {
            assertThat(p.partNumber()).isEqualTo(2);
            assertThat(p.size()).isEqualTo((long) five.length);
        });
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.ISO_8859_1);
    }
}
