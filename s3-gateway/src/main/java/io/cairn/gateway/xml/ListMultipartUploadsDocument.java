package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** ListMultipartUploads' answer. */
@JacksonXmlRootElement(localName = "ListMultipartUploadsResult")
@JsonPropertyOrder({"Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Prefix",
        "Delimiter", "MaxUploads", "IsTruncated", "Upload", "CommonPrefixes"})
public record ListMultipartUploadsDocument(
        @JacksonXmlProperty(localName = "Bucket") String bucket,
        @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
        @JacksonXmlProperty(localName = "UploadIdMarker") String uploadIdMarker,
        @JacksonXmlProperty(localName = "NextKeyMarker") String nextKeyMarker,
        @JacksonXmlProperty(localName = "NextUploadIdMarker") String nextUploadIdMarker,
        @JacksonXmlProperty(localName = "Prefix") String prefix,
        @JacksonXmlProperty(localName = "Delimiter") String delimiter,
        @JacksonXmlProperty(localName = "MaxUploads") int maxUploads,
        @JacksonXmlProperty(localName = "IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Upload") List<Upload> uploads,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<ListBucketResult.CommonPrefix> commonPrefixes) {

    @JsonPropertyOrder({"Key", "UploadId", "Initiator", "Owner", "StorageClass", "Initiated"})
    public record Upload(@JacksonXmlProperty(localName = "Key") String key,
                         @JacksonXmlProperty(localName = "UploadId") String uploadId,
                         @JacksonXmlProperty(localName = "Initiator") Owner initiator,
                         @JacksonXmlProperty(localName = "Owner") Owner owner,
                         @JacksonXmlProperty(localName = "StorageClass") String storageClass,
                         @JacksonXmlProperty(localName = "Initiated") String initiated) {
    }
}
