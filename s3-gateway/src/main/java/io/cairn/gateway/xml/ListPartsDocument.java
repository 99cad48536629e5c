package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** ListParts' answer. */
@JacksonXmlRootElement(localName = "ListPartsResult")
@JsonPropertyOrder({"Bucket", "Key", "UploadId", "PartNumberMarker", "NextPartNumberMarker", "MaxParts",
        "IsTruncated", "Part", "Initiator", "Owner", "StorageClass"})
public record ListPartsDocument(
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "Key") String key,
        @JacksonXmlProperty(localName = "UploadId") String uploadId,
        @JacksonXmlProperty(localName = "PartNumberMarker") int partNumberMarker,
        @JacksonXmlProperty(localName = "NextPartNumberMarker") int nextPartNumberMarker,
        @JacksonXmlProperty(localName = "MaxParts") int maxParts,
        @JacksonXmlProperty(localName = "IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Part") List<Part> parts,
        @JacksonXmlProperty(localName = "Initiator") Owner initiator,
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlProperty(localName = "StorageClass") String storageClass) {

    @JsonPropertyOrder({"PartNumber", "LastModified", "ETag", "Size"})
    public record Part(@JacksonXmlProperty(localName = "PartNumber") int partNumber,
                       @JacksonXmlProperty(localName = "LastModified") String lastModified,
                       @JacksonXmlProperty(localName = "ETag") String etag,
                       @JacksonXmlProperty(localName = "Size") long size) {
    }
}
