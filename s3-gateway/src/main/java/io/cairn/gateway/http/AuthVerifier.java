package io.cairn.gateway.http;

import io.cairn.gateway.auth.AuthResult;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.io.InputStream;
import java.util.Map;

/**
 * Authenticates with SigV4 (header, presigned query, aws-chunked) and, for requests with a body, checks
 * the body headers too, so that a request refused for either reason never gets a 100-continue. Anonymous
 * requests are refused: there are no public buckets yet.
 */
public final class AuthVerifier implements RequestVerifier {

    private final RequestAuthenticator authenticator;

    public AuthVerifier(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Verified verify(HttpRequest head) throws Exception {
        AuthResult result = authenticator.authenticate(head);
        if (result.anonymous()) {
            // No bucket policies yet, so nothing is public: refuse before any body byte is read.
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        if (HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0) {
            result.checkBodyHeaders(head.headers());
        }
        return new Verified() {
            @Override
            public String accessKey() {
                return result.accessKey();
            }

            @Override
            public InputStream wrapBody(InputStream raw, HttpHeaders headers) {
                return result.wrapBody(raw, headers);
            }

            @Override
            public Map<String, String> checksums() {
                return result.checksums();
            }
        };
    }
}
