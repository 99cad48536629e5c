package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** DeleteObjects' answer. */
@JacksonXmlRootElement(localName = "DeleteResult")
@JsonPropertyOrder({"Deleted", "Error"})
public record DeleteResultDocument(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Deleted") List<Deleted> deleted,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Error") List<Failed> errors) {

    @JsonPropertyOrder({"Key", "VersionId", "DeleteMarker", "DeleteMarkerVersionId"})
    public record Deleted(@JacksonXmlProperty(localName = "Key") String key,
                          @JacksonXmlProperty(localName = "VersionId") String versionId,
                          @JacksonXmlProperty(localName = "DeleteMarker") Boolean deleteMarker,
                          @JacksonXmlProperty(localName = "DeleteMarkerVersionId") String deleteMarkerVersionId) {
    }

    @JsonPropertyOrder({"Key", "VersionId", "Code", "Message"})
    public record Failed(@JacksonXmlProperty(localName = "Key") String key,
                         @JacksonXmlProperty(localName = "VersionId") String versionId,
                         @JacksonXmlProperty(localName = "Code") String code,
                         @JacksonXmlProperty(localName = "Message") String message) {
    }
}
