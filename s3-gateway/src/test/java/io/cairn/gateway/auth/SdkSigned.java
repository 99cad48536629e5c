package io.cairn.gateway.auth;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer, turned into Netty request heads plus raw bodies. */
record SdkSigned(HttpRequest head, byte[] body) {

    /** Signing options; defaults match the S3 client: header auth, signed payload, no chunking. */
    record Options(String accessKey, String secretKey, String region, Clock clock, boolean payloadSigning,
                   boolean chunked, ChecksumAlgorithm checksum, Duration presignedFor) {
        /** As the SDK's S3Presigner does: query authentication with UNSIGNED-PAYLOAD. */
        Options withPresigned(Duration d) {
            return new Options(accessKey, secretKey, region, clock, false, chunked, checksum, d);
        }

        Options withChunks(boolean signedPayload, ChecksumAlgorithm algorithm) {
            return new Options(accessKey, secretKey, region, clock, signedPayload, true, algorithm, presignedFor);
        }

        Options withKeys(String access, String secret) {
            return new Options(access, secret, region, clock, payloadSigning, chunked, checksum, presignedFor);
        }

        Options withRegion(String r) {
            return new Options(accessKey, secretKey, r, clock, payloadSigning, chunked, checksum, presignedFor);
        }
    }

    static Options options(String accessKey, String secretKey, Clock clock) {
        return new Options(accessKey, secretKey, "us-east-1", clock, true, false, null, null);
    }

    static SdkSigned sign(String method, String url, Map<String, List<String>> headers, byte[] body, Options o) {
        // Over plain http the SDK's bare signer signs the payload hash even for query authentication;
        // the S3Presigner does not (it always uses UNSIGNED-PAYLOAD), so presign as if over https.
        URI uri = URI.create(o.presignedFor() != null ? url.replaceFirst("^http:", "https:") : url);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        if (body.length > 0 || o.chunked()) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(o.accessKey(), o.secretKey()))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, o.region())
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, o.clock())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, o.payloadSigning())
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, o.chunked());
            if (o.checksum() != null) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, o.checksum());
            }
            if (o.presignedFor() != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, o.presignedFor());
            }
        });
        SdkHttpRequest out = signed.request();
        String query = out.encodedQueryParameters().map(q -> "?" + q).orElse("");
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                out.encodedPath() + query);
        out.forEachHeader((name, values) -> values.forEach(v -> head.headers().add(name, v)));
        if (!head.headers().contains("Host")) {
            int port = out.port();
            head.headers().set("Host", out.host() + (port == 80 || port == 443 || port == -1 ? "" : ":" + port));
        }
        byte[] payload = signed.payload().map(SdkSigned::readAll).orElse(new byte[0]);
        return new SdkSigned(head, payload);
    }

    static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
