package io.cairn.gateway.cors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import java.util.List;
import java.util.Set;

/** The S3 CORSConfiguration document: up to 100 rules, the first one that matches a request applies. */
@JacksonXmlRootElement(localName = "CORSConfiguration")
public record CorsConfiguration(@JacksonXmlElementWrapper(useWrapping = false)
                                @JacksonXmlProperty(localName = "CORSRule") List<Rule> rules) {

    static final int MAX_RULES = 100;
    private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");

    public CorsConfiguration {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** One rule. Origins and headers may hold one '*' wildcard each; methods are exact. */
    @JsonPropertyOrder({"ID", "AllowedHeader", "AllowedMethod", "AllowedOrigin", "ExposeHeader", "MaxAgeSeconds"})
    public record Rule(@JacksonXmlProperty(localName = "ID") String id,
                       @JacksonXmlElementWrapper(useWrapping = false)
                       @JacksonXmlProperty(localName = "AllowedHeader") List<String> allowedHeaders,
                       @JacksonXmlElementWrapper(useWrapping = false)
                       @JacksonXmlProperty(localName = "AllowedMethod") List<String> allowedMethods,
                       @JacksonXmlElementWrapper(useWrapping = false)
                       @JacksonXmlProperty(localName = "AllowedOrigin") List<String> allowedOrigins,
                       @JacksonXmlElementWrapper(useWrapping = false)
                       @JacksonXmlProperty(localName = "ExposeHeader") List<String> exposeHeaders,
                       @JacksonXmlProperty(localName = "MaxAgeSeconds") Integer maxAgeSeconds) {
        public Rule {
            allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
            allowedMethods = allowedMethods == null ? List.of() : List.copyOf(allowedMethods);
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
            exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
        }
    }

    /** S3's checks on a submitted configuration. */
    void validate() {
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        for (Rule r : rules) {
            if (r.allowedMethods().isEmpty() || r.allowedOrigins().isEmpty()) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            for (String m : r.allowedMethods()) {
                if (!METHODS.contains(m)) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                            "Found unsupported HTTP method in CORS config. Unsupported method is " + m);
                }
            }
            for (String o : r.allowedOrigins()) {
                if (Wildcards.count(o) > 1) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                            "AllowedOrigin \"" + o + "\" can not have more than one wildcard.");
                }
            }
            for (String h : r.allowedHeaders()) {
                if (Wildcards.count(h) > 1) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                            "AllowedHeader \"" + h + "\" can not have more than one wildcard.");
                }
            }
        }
    }
}
