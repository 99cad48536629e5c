package io.cairn.gateway.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An ACL document (GetBucketAcl/GetObjectAcl response, PutBucketAcl/PutObjectAcl request). Written by hand
 * because a grantee carries an {@code xsi:type} attribute that Jackson cannot put on a namespaced element.
 */
@JacksonXmlRootElement(localName = "AccessControlPolicy")
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessControlPolicy(@JacksonXmlProperty(localName = "Owner") Owner owner,
                                  @JacksonXmlProperty(localName = "AccessControlList") GrantList grantList) {

    /** The grants, empty when the document lists none. */
    public List<Grant> grants() {
        return grantList == null ? List.of() : grantList.grants();
    }

    public record GrantList(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Grant")
                            List<Grant> grants) {
        public GrantList {
            grants = grants == null ? List.of() : List.copyOf(grants);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Grant(@JacksonXmlProperty(localName = "Grantee") Grantee grantee,
                        @JacksonXmlProperty(localName = "Permission") String permission) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Grantee(@JacksonXmlProperty(localName = "ID") String id,
                          @JacksonXmlProperty(localName = "DisplayName") String displayName,
                          @JacksonXmlProperty(localName = "URI") String uri,
                          @JacksonXmlProperty(localName = "EmailAddress") String emailAddress) {
    }

    /** The only ACL the store keeps: the owner has FULL_CONTROL, nobody else has anything. */
    public static byte[] ownerFullControl(Owner owner) {
        String id = escape(owner.id());
        String name = escape(owner.displayName());
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<AccessControlPolicy xmlns=\"" + Xml.S3_NS + "\">"
                + "<Owner><ID>" + id + "</ID><DisplayName>" + name + "</DisplayName></Owner>"
                + "<AccessControlList><Grant>"
                + "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + id + "</ID><DisplayName>" + name + "</DisplayName></Grantee>"
                + "<Permission>FULL_CONTROL</Permission>"
                + "</Grant></AccessControlList></AccessControlPolicy>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
