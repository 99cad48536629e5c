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

    /** One part; its checksum (in the field of the upload's algorithm) only when the upload had one. */
    @JsonPropertyOrder({"ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256",
            "PartNumber", "Size"})
    public record Part(@JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
                       @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
                       @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
                       @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
                       @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256,
                       @JacksonXmlProperty(localName = "PartNumber") int partNumber,
                       @JacksonXmlProperty(localName = "Size") long size) {

        /** A part with the checksum {@code value} of {@code algorithm} ("SHA256", ...), or none when null. */
        public static Part of(int partNumber, long size, String algorithm, String value) {
            String a = value == null ? "" : algorithm;
            return new Part(a.equals("CRC32") ? value : null, a.equals("CRC32C") ? value : null,
                    a.equals("CRC64NVME") ? value : null, a.equals("SHA1") ? value : null,
                    a.equals("SHA256") ? value : null, partNumber, size);
        }
    }
}
