package io.cairn.gateway.http;

import io.cairn.gateway.auth.AuthResult;
import io.cairn.gateway.auth.RequestAuthenticator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.io.InputStream;
import java.util.Map;

/**
 * Authenticates with SigV4 (header, presigned query, aws-chunked) and, for requests with a body, checks
 * the body headers too, so that a request refused for either reason never gets a 100-continue.
 */
public final class AuthVerifier implements RequestVerifier {

    private final RequestAuthenticator authenticator;

    public AuthVerifier(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Verified verify(HttpRequest head) throws Exception {
        AuthResult result = authenticator.authenticate(head);
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
