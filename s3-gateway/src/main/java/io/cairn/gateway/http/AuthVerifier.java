package io.cairn.gateway.http;

import io.cairn.gateway.auth.AuthResult;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates with SigV4 (header, presigned query, aws-chunked) and, for requests with a body, checks
 * the body headers too, so that a request refused for either reason never gets a 100-continue. Anonymous
 * requests pass as anonymous (a null access key): whether a bucket policy or an ACL lets them through is
 * decided once the operation is known.
 */
public final class AuthVerifier implements RequestVerifier {

    private final RequestAuthenticator authenticator;

    public AuthVerifier(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * CompleteMultipartUpload (POST ?uploadId): its x-amz-checksum-* headers are the object's checksum
     * (composite ones end in "-N"), checked when the upload completes, not against this body.
     */
    private static boolean describesObject(HttpRequest head) {
        return head.method() == HttpMethod.POST
                && new QueryStringDecoder(head.uri()).parameters().containsKey("uploadId");
    }

    private static HttpHeaders withoutChecksums(HttpHeaders headers) {
        HttpHeaders copy = headers.copy();
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-amz-checksum-")
                    || name.equalsIgnoreCase("x-amz-sdk-checksum-algorithm")) {
                copy.remove(name);
            }
        }
        return copy;
    }

    @Override
    public Verified verify(HttpRequest head) throws Exception {
        AuthResult result = authenticator.authenticate(head);
        if (HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0) {
            result.checkBodyHeaders(describesObject(head) ? withoutChecksums(head.headers()) : head.headers());
        }
        return new Verified() {
            @Override
            public String accessKey() {
                return result.accessKey();
            }

            @Override
            public boolean root() {
                return result.root();
            }

            @Override
            public InputStream wrapBody(InputStream raw, HttpHeaders headers) {
                return result.wrapBody(raw, headers);
            }

            @Override
            public InputStream wrapRequestDocument(InputStream raw, HttpHeaders headers) {
                return result.wrapRequestDocument(raw, headers);
            }

            @Override
            public Map<String, String> checksums() {
                return result.checksums();
            }
        };
    }
}
