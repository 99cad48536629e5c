package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * A tag set, for objects and buckets (request and response). TagSet is a record of its own because
 * Jackson cannot bind a wrapped list to a record constructor.
 */
@JacksonXmlRootElement(localName = "Tagging")
public record Tagging(@JacksonXmlProperty(localName = "TagSet") TagSet tagSet) {

    public static Tagging of(List<Tag> tags) {
        return new Tagging(new TagSet(tags));
    }

    /** The tags, empty when the document has none. */
    public List<Tag> tags() {
        return tagSet == null ? List.of() : tagSet.tags();
    }

    public record TagSet(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Tag")
                         List<Tag> tags) {
        public TagSet {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    @JsonPropertyOrder({"Key", "Value"})
    public record Tag(@JacksonXmlProperty(localName = "Key") String key,
                      @JacksonXmlProperty(localName = "Value") String value) {
    }
}
