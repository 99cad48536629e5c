package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

@JacksonXmlRootElement(localName = "CompleteMultipartUploadResult")
@JsonPropertyOrder({"Location", "Bucket", "Key", "ETag", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME",
        "ChecksumSHA1", "ChecksumSHA256", "ChecksumType"})
public record CompleteMultipartUploadResult(@JacksonXmlProperty(localName = "Location") String location,
                                            @JacksonXmlProperty(localName = "Bucket") String bucket,
                                            @JacksonXmlProperty(localName = "Key") String key,
                                            @JacksonXmlProperty(localName = "ETag") String etag,
                                            @JacksonXmlProperty(localName = "ChecksumCRC32") String crc32,
                                            @JacksonXmlProperty(localName = "ChecksumCRC32C") String crc32c,
                                            @JacksonXmlProperty(localName = "ChecksumCRC64NVME") String crc64nvme,
                                            @JacksonXmlProperty(localName = "ChecksumSHA1") String sha1,
                                            @JacksonXmlProperty(localName = "ChecksumSHA256") String sha256,
                                            @JacksonXmlProperty(localName = "ChecksumType") String checksumType) {

    /** A result without checksums. */
    public CompleteMultipartUploadResult(String location, String bucket, String key, String etag) {
        this(location, bucket, key, etag, null, null, null, null, null, null);
    }
}
