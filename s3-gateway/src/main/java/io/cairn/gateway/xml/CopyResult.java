package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** CopyObjectResult; UploadPartCopy's CopyPartResult has the same fields under another root name. */
@JacksonXmlRootElement(localName = "CopyObjectResult")
@JsonPropertyOrder({"LastModified", "ETag"})
public record CopyResult(@JacksonXmlProperty(localName = "LastModified") String lastModified,
                         @JacksonXmlProperty(localName = "ETag") String etag) {
}
