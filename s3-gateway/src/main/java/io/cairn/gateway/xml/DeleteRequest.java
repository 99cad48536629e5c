package io.cairn.gateway.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** The body of DeleteObjects. */
@JacksonXmlRootElement(localName = "Delete")
public record DeleteRequest(@JacksonXmlProperty(localName = "Quiet") Boolean quiet,
                            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Object")
                            List<ObjectId> objects) {

    public DeleteRequest {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    public record ObjectId(@JacksonXmlProperty(localName = "Key") String key,
                           @JacksonXmlProperty(localName = "VersionId") String versionId) {
    }
}
