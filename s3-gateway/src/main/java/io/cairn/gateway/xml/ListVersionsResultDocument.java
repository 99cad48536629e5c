package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The ListObjectVersions response. Versions and delete markers are written as two runs of elements
 * (every SDK reads them as two lists); within each run they keep key order, newest first.
 */
@JacksonXmlRootElement(localName = "ListVersionsResult")
@JsonPropertyOrder({"Name", "Prefix", "KeyMarker", "VersionIdMarker", "NextKeyMarker", "NextVersionIdMarker",
        "MaxKeys", "Delimiter", "EncodingType", "IsTruncated", "Version", "DeleteMarker", "CommonPrefixes"})
public record ListVersionsResultDocument(
        @JacksonXmlProperty(localName = "Name") String name,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
        @JacksonXmlProperty(localName = "VersionIdMarker") String versionIdMarker,
        @JacksonXmlProperty(localName = "NextKeyMarker") String nextKeyMarker,
        @JacksonXmlProperty(localName = "NextVersionIdMarker") String nextVersionIdMarker,
        @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
        @JacksonXmlProperty(localName = "Delimiter") String delimiter,
        @JacksonXmlProperty(localName = "EncodingType") String encodingType,
        @JacksonXmlProperty(localName = "IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Version")
        List<Version> versions,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "DeleteMarker")
        List<DeleteMarker> deleteMarkers,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<ListBucketResult.CommonPrefix> commonPrefixes) {

    @JsonPropertyOrder({"Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "Owner", "StorageClass"})
    public record Version(@JacksonXmlProperty(localName = "Key") String key,
                          @JacksonXmlProperty(localName = "VersionId") String versionId,
                          @JacksonXmlProperty(localName = "IsLatest") boolean isLatest,
                          @JacksonXmlProperty(localName = "LastModified") String lastModified,
                          @JacksonXmlProperty(localName = "ETag") String etag,
                          @JacksonXmlProperty(localName = "Size") long size,
                          @JacksonXmlProperty(localName = "Owner") Owner owner,
                          @JacksonXmlProperty(localName = "StorageClass") String storageClass) {
    }

    @JsonPropertyOrder({"Key", "VersionId", "IsLatest", "LastModified", "Owner"})
    public record DeleteMarker(@JacksonXmlProperty(localName = "Key") String key,
                               @JacksonXmlProperty(localName = "VersionId") String versionId,
                               @JacksonXmlProperty(localName = "IsLatest") boolean isLatest,
                               @JacksonXmlProperty(localName = "LastModified") String lastModified,
                               @JacksonXmlProperty(localName = "Owner") Owner owner) {
    }
}
