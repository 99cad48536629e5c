package io.cairn.gateway.xml;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** Put/GetBucketOwnershipControls: the rules (S3 allows exactly one) naming the bucket's object ownership. */
@JacksonXmlRootElement(localName = "OwnershipControls")
public record OwnershipControls(@JacksonXmlElementWrapper(useWrapping = false)
                                @JacksonXmlProperty(localName = "Rule") List<Rule> rules) {

    public static OwnershipControls of(String objectOwnership) {
        return new OwnershipControls(List.of(new Rule(objectOwnership)));
    }

    public record Rule(@JacksonXmlProperty(localName = "ObjectOwnership") String objectOwnership) {
    }
}
