package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * ListObjects (v1) and ListObjectsV2 share the root element; the fields of the other version stay null and
 * are left out.
 */
@JacksonXmlRootElement(localName = "ListBucketResult")
@JsonPropertyOrder({"Name", "Prefix", "Marker", "NextMarker", "ContinuationToken", "NextContinuationToken",
        "StartAfter", "KeyCount", "MaxKeys", "Delimiter", "EncodingType", "IsTruncated", "Contents",
        "CommonPrefixes"})
public record ListBucketResult(
        @JacksonXmlProperty(localName = "Name") String name,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "Marker") String marker,
        @JacksonXmlProperty(localName = "NextMarker") String nextMarker,
        @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken,
        @JacksonXmlProperty(localName = "NextContinuationToken") String nextContinuationToken,
        @JacksonXmlProperty(localName = "StartAfter") String startAfter,
        @JacksonXmlProperty(localName = "KeyCount") Integer keyCount,
        @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
        @JacksonXmlProperty(localName = "Delimiter") String delimiter,
        @JacksonXmlProperty(localName = "EncodingType") String encodingType,
        @JacksonXmlProperty(localName = "IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Contents")
        List<Contents> contents,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<CommonPrefix> commonPrefixes) {

    @JsonPropertyOrder({"Key", "LastModified", "ETag", "ChecksumAlgorithm", "Size", "Owner", "StorageClass"})
    public record Contents(@JacksonXmlProperty(localName = "Key") String key,
                           @JacksonXmlProperty(localName = "LastModified") String lastModified,
                           @JacksonXmlProperty(localName = "ETag") String etag,
                           @JacksonXmlProperty(localName = "ChecksumAlgorithm") String checksumAlgorithm,
                           @JacksonXmlProperty(localName = "Size") long size,
                           @JacksonXmlProperty(localName = "Owner") Owner owner,
                           @JacksonXmlProperty(localName = "StorageClass") String storageClass) {
    }

    public record CommonPrefix(@JacksonXmlProperty(localName = "Prefix") String prefix) {
    }
}
