package io.cairn.gateway.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The body of CompleteMultipartUpload. */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload")
public record CompleteMultipartUploadRequest(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts) {

    public CompleteMultipartUploadRequest {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public record Part(@JacksonXmlProperty(localName = "PartNumber") Integer partNumber,
                       @JacksonXmlProperty(localName = "ETag") String etag) {
    }
}
