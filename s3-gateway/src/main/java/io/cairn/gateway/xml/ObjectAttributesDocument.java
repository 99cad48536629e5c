package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** GetObjectAttributes; an attribute that was not asked for is null and left out. */
@JacksonXmlRootElement(localName = "GetObjectAttributesResponse")
@JsonPropertyOrder({"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"})
public record ObjectAttributesDocument(@JacksonXmlProperty(localName = "ETag") String etag,
                                       @JacksonXmlProperty(localName = "Checksum") Checksum checksum,
                                       @JacksonXmlProperty(localName = "ObjectParts") ObjectParts objectParts,
                                       @JacksonXmlProperty(localName = "StorageClass") String storageClass,
                                       @JacksonXmlProperty(localName = "ObjectSize") Long objectSize) {

    @JsonPropertyOrder({"ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256",
            "ChecksumType"})
    public record Checksum(@JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
                           @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
                           @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
                           @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
                           @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256,
                           @JacksonXmlProperty(localName = "ChecksumType") String type) {
    }

    @JsonPropertyOrder({"PartsCount", "PartNumberMarker", "NextPartNumberMarker", "MaxParts", "IsTruncated",
            "Part"})
    public record ObjectParts(@JacksonXmlProperty(localName = "PartsCount") int totalPartsCount,
                              @JacksonXmlProperty(localName = "PartNumberMarker") int partNumberMarker,
                              @JacksonXmlProperty(localName = "NextPartNumberMarker") Integer nextPartNumberMarker,
                              @JacksonXmlProperty(localName = "MaxParts") int maxParts,
                              @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
                              @JacksonXmlElementWrapper(useWrapping = false)
                              @JacksonXmlProperty(localName = "Part") List<Part> parts) {
    }

    @JsonPropertyOrder({"PartNumber", "Size"})
    public record Part(@JacksonXmlProperty(localName = "PartNumber") int partNumber,
                       @JacksonXmlProperty(localName = "Size") long size) {
    }
}
