package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** A 200 MiB multipart upload in 5 MiB parts, and presigned GET and PUT fetched with a plain HTTP client. */
class LargeMultipartAndPresignIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "large";
    static final int PART = 5 * 1024 * 1024;

    @BeforeAll
    static void bucket() {
        cluster.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void twoHundredMibInFiveMibPartsReadsBackWithTheSameSha256() throws Exception {
        for (S3Client s3 : List.of(cluster.s3(), cluster.s3WhenRequired())) {
            String key = "upload-" + System.identityHashCode(s3);
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            Random random = new Random(key.hashCode());
            List<CompletedPart> parts = new ArrayList<>();
            byte[] part = new byte[PART];
            for (int n = 1; n <= 40; n++) {
                random.nextBytes(part);
                sent.update(part);
                int number = n;
                String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            MessageDigest read = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key(key))) {
                byte[] buf = new byte[1 << 16];
                for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                    read.update(buf, 0, r);
                    total += r;
                }
            }
            assertThat(total).isEqualTo(200L * 1024 * 1024);
            assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        }
    }

    @Test
    void presignedPutAndGetWorkFromAPlainHttpClient() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(cluster.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URI put = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            URI get = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            byte[] body = new byte[100_000];
            new Random(5).nextBytes(body);
            HttpResponse<String> putResponse = http.send(HttpRequest.newBuilder(put)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(putResponse.statusCode()).as(putResponse.body()).isEqualTo(200);
            HttpResponse<byte[]> getResponse = http.send(HttpRequest.newBuilder(get).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(getResponse.statusCode()).isEqualTo(200);
            assertThat(getResponse.body()).isEqualTo(body);
            // a tampered signature is refused
            String url = get.toString();
            int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
            char flipped = url.charAt(at) == '0' ? '1' : '0';
            URI tampered = URI.create(url.substring(0, at) + flipped + url.substring(at + 1));
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(tampered).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");

            // The holder of a presigned PUT cannot add what its signer did not sign: an overwrite with an ACL,
            // a storage class or a copy source added on the way is refused and changes nothing.
            for (String[] header : new String[][] {{"x-amz-acl", "public-read-write"},
                    {"x-amz-storage-class", "STANDARD_IA"}, {"x-amz-copy-source", "/" + BUCKET + "/other"}}) {
                HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(put).header(header[0], header[1])
                        .PUT(HttpRequest.BodyPublishers.ofString("overwritten")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unsigned.statusCode()).as(header[0]).isEqualTo(403);
                assertThat(unsigned.body()).contains("<Code>AccessDenied</Code>",
                        "There were headers present in the request which were not signed: " + header[0]);
                assertThat(http.send(HttpRequest.newBuilder(get).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                        .body()).isEqualTo(body);
            }
        }
    }
}
