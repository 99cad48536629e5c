package io.cairn.gateway.s3;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * A bucket's public access block: the PublicAccessBlockConfiguration document, also its stored form
 * (four words, true or false, in this order). An absent setting is false, as in AWS.
 */
@JacksonXmlRootElement(localName = "PublicAccessBlockConfiguration")
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonPropertyOrder({"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
record PublicAccessBlock(@JacksonXmlProperty(localName = "BlockPublicAcls") Boolean blockPublicAcls,
                         @JacksonXmlProperty(localName = "IgnorePublicAcls") Boolean ignorePublicAcls,
                         @JacksonXmlProperty(localName = "BlockPublicPolicy") Boolean blockPublicPolicy,
                         @JacksonXmlProperty(localName = "RestrictPublicBuckets") Boolean restrictPublicBuckets) {

    static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

    PublicAccessBlock {
        blockPublicAcls = Boolean.TRUE.equals(blockPublicAcls);
        ignorePublicAcls = Boolean.TRUE.equals(ignorePublicAcls);
        blockPublicPolicy = Boolean.TRUE.equals(blockPublicPolicy);
        restrictPublicBuckets = Boolean.TRUE.equals(restrictPublicBuckets);
    }

    String encode() {
        return blockPublicAcls + " " + ignorePublicAcls + " " + blockPublicPolicy + " " + restrictPublicBuckets;
    }

    static PublicAccessBlock decode(String stored) {
        String[] w = stored.trim().split(" ");
        if (w.length != 4) {
            throw new IllegalStateException("unreadable public access block: " + stored);
        }
        return new PublicAccessBlock(Boolean.parseBoolean(w[0]), Boolean.parseBoolean(w[1]),
                Boolean.parseBoolean(w[2]), Boolean.parseBoolean(w[3]));
    }
}
