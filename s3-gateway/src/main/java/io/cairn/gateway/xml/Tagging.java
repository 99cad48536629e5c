package io.cairn.gateway.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** A tag set, for objects and buckets (request and response). */
@JacksonXmlRootElement(localName = "Tagging")
public record Tagging(@JacksonXmlElementWrapper(localName = "TagSet") @JacksonXmlProperty(localName = "Tag")
                      List<Tag> tagSet) {

    public Tagging {
        tagSet = tagSet == null ? List.of() : List.copyOf(tagSet);
    }

    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"Key", "Value"})
    public record Tag(@JacksonXmlProperty(localName = "Key") String key,
                      @JacksonXmlProperty(localName = "Value") String value) {
    }
}
