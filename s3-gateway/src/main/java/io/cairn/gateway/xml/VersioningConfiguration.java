package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

@JacksonXmlRootElement(localName = "VersioningConfiguration")
@JsonPropertyOrder({"Status", "MfaDelete"})
public record VersioningConfiguration(@JacksonXmlProperty(localName = "Status") String status,
                                      @JacksonXmlProperty(localName = "MfaDelete") String mfaDelete) {
}
