package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** ListBuckets; {@code continuationToken} and {@code prefix} are null when not paged or not filtered. */
@JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
@JsonPropertyOrder({"Owner", "Buckets", "ContinuationToken", "Prefix"})
public record ListAllMyBucketsResult(
        @JacksonXmlProperty(localName = "Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "Buckets") @JacksonXmlProperty(localName = "Bucket")
        List<Bucket> buckets,
        @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken,
        @JacksonXmlProperty(localName = "Prefix") String prefix) {

    /** One page holding every bucket. */
    public ListAllMyBucketsResult(Owner owner, List<Bucket> buckets) {
        this(owner, buckets, null, null);
    }

    @JsonPropertyOrder({"Name", "CreationDate"})
    public record Bucket(@JacksonXmlProperty(localName = "Name") String name,
                         @JacksonXmlProperty(localName = "CreationDate") String creationDate) {
    }
}
