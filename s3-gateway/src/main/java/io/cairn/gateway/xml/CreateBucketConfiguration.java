package io.cairn.gateway.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

@JacksonXmlRootElement(localName = "CreateBucketConfiguration")
public record CreateBucketConfiguration(@JacksonXmlProperty(localName = "LocationConstraint") String locationConstraint) {
}
