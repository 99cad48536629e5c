package io.cairn.gateway.post;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cairn.object.ObjectInfo;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.xml.Xml;
import io.cairn.presign.UriEncoding;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.util.Map;

/** The answer to a successful form upload, chosen by success_action_redirect or success_action_status. */
final class PostResponses {

    private PostResponses() {
    }

    /** {@code origin}: {@code scheme://host[:port]} of the object's {@code Location}. */
    static S3Response success(Map<String, String> fields, String bucket, String key, ObjectInfo info, URI origin) {
        String etag = "\"" + info.etag() + "\"";
        String location = origin + "/" + UriEncoding.encode(bucket) + "/" + UriEncoding.encodePath(key);
        String redirect = fields.get("success_action_redirect");
        if (redirect == null) {
            redirect = fields.get("redirect");
        }
        if (redirect != null && isHttpUrl(redirect)) {
            String sep = redirect.contains("?") ? "&" : "?";
            String target = redirect + sep + "bucket=" + UriEncoding.encode(bucket) + "&key=" + UriEncoding.encode(key)
                    + "&etag=" + UriEncoding.encode(etag);
            return S3Response.of(HttpResponseStatus.SEE_OTHER).header("Location", target).header("ETag", etag);
        }
        String status = fields.getOrDefault("success_action_status", "204");
        return switch (status) {
            case "200" -> S3Response.ok().header("ETag", etag).header("Location", location);
            case "201" -> S3Response.of(HttpResponseStatus.CREATED).header("Content-Type", "application/xml")
                    .body(Xml.writeWithoutNamespace(new PostResponse(location, bucket, key, etag)))
                    .header("ETag", etag).header("Location", location);
            default -> S3Response.noContent().header("ETag", etag).header("Location", location);
        };
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @JacksonXmlRootElement(localName = "PostResponse")
    @JsonPropertyOrder({"Location", "Bucket", "Key", "ETag"})
    record PostResponse(@JacksonXmlProperty(localName = "Location") String location,
                        @JacksonXmlProperty(localName = "Bucket") String bucket,
                        @JacksonXmlProperty(localName = "Key") String key,
                        @JacksonXmlProperty(localName = "ETag") String etag) {
    }
}
