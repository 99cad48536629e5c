package io.cairn.gateway.s3;

import io.cairn.gateway.xml.ErrorDocument;
import io.cairn.gateway.xml.Xml;
import java.util.Map;

/** Writes S3 error responses: {@code <Error>} XML, except for HEAD which has no body. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static S3Response of(S3Error error, String resource, String requestId, boolean head) {
        S3Response r = S3Response.of(error.code().status()).errorCode(error.code().code());
        for (Map.Entry<String, String> h : error.headers().entrySet()) {
            r.header(h.getKey(), h.getValue());
        }
        if (error.code() == S3ErrorCode.NOT_MODIFIED || head) {
            return r;
        }
        byte[] xml = Xml.writeWithoutNamespace(
                new ErrorDocument(error.code().code(), error.message(), resource, requestId));
        return r.header("Content-Type", "application/xml").body(xml);
    }
}
