package io.cairn.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.xml.MalformedXmlException;
import io.cairn.gateway.xml.Xml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationConfigurationTest {

    static final String HOOK = "arn:cairn:sqs::hook:webhook";
    static final String KAFKA = "arn:cairn:sqs::stream:kafka";
    static final Set<String> KNOWN = Set.of(HOOK, KAFKA);

    static NotificationConfiguration parse(String xml) throws Exception {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        return Xml.read(new ByteArrayInputStream(b), b.length, NotificationConfiguration.class);
    }

    static String queue(String id, String arn, String filter, String... events) {
        StringBuilder s = new StringBuilder("<QueueConfiguration>");
        if (id != null) {
            s.append("<Id>").append(id).append("</Id>");
        }
        s.append(filter).append("<Queue>").append(arn).append("</Queue>");
        for (String e : events) {
            s.append("<Event>").append(e).append("</Event>");
        }
        return s.append("</QueueConfiguration>").toString();
    }

    static String filter(String prefix, String suffix) {
        StringBuilder s = new StringBuilder("<Filter><S3Key>");
        if (prefix != null) {
            s.append("<FilterRule><Name>prefix</Name><Value>").append(prefix).append("</Value></FilterRule>");
        }
        if (suffix != null) {
            s.append("<FilterRule><Name>suffix</Name><Value>").append(suffix).append("</Value></FilterRule>");
        }
        return s.append("</S3Key></Filter>").toString();
    }

    static String doc(String... configs) {
        return "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + String.join("", configs)
                + "</NotificationConfiguration>";
    }

    static void assertInvalid(String xml, String message) {
        assertThatThrownBy(() -> parse(xml).validate(KNOWN, "us-east-1"))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void aValidDocumentIsKeptWithItsFiltersAndRoundTrips() throws Exception {
        String xml = doc(queue("images", HOOK, filter("images/", ".jpg"), "s3:ObjectCreated:*"),
                "<TopicConfiguration><Id>gone</Id><Topic>arn:cairn:sqs:us-east-1:stream:kafka</Topic>"
                        + "<Event>s3:ObjectRemoved:Delete</Event><Event>s3:ObjectRemoved:DeleteMarkerCreated</Event>"
                        + "</TopicConfiguration>",
                "<CloudFunctionConfiguration><CloudFunction>" + HOOK + "</CloudFunction>"
                        + "<Event>s3:ObjectCreated:Put</Event>" + filter("docs/", null) + "</CloudFunctionConfiguration>");
        NotificationConfiguration c = parse(xml).validate(KNOWN, "us-east-1");
        List<NotificationConfiguration.Rule> rules = c.rules("us-east-1");
        assertThat(rules).hasSize(3);
        NotificationConfiguration.Rule gone = rules.get(0);
        assertThat(gone.arn()).isEqualTo(KAFKA); // the region is dropped: one name per target
        assertThat(gone.matches("ObjectRemoved:DeleteMarkerCreated", "any/key")).isTrue();
        assertThat(gone.matches("ObjectCreated:Put", "any/key")).isFalse();
        NotificationConfiguration.Rule images = rules.get(1);
        assertThat(images.matches("ObjectCreated:CompleteMultipartUpload", "images/cat.jpg")).isTrue();
        assertThat(images.matches("ObjectCreated:Put", "images/cat.png")).isFalse();
        assertThat(images.matches("ObjectCreated:Put", "docs/cat.jpg")).isFalse();
        assertThat(images.matches("ObjectRemoved:Delete", "images/cat.jpg")).isFalse();
        assertThat(rules.get(2).id()).isNotBlank(); // S3 names a configuration without Id

        NotificationConfiguration again = parse(new String(Xml.write(c), StandardCharsets.UTF_8));
        assertThat(again).isEqualTo(c);
    }

    @Test
    void anEmptyDocumentIsValidAndEmpty() throws Exception {
        assertThat(parse(doc()).validate(KNOWN, "us-east-1").isEmpty()).isTrue();
        assertThat(parse("<NotificationConfiguration/>").validate(Set.of(), "us-east-1").isEmpty()).isTrue();
    }

    @Test
    void anArnThatNamesNoTargetOrIsNotOursIsRefused() {
        assertInvalid(doc(queue("a", "arn:cairn:sqs::nobody:webhook", "", "s3:ObjectCreated:*")),
                "destination ARN does not exist or is not well-formed");
        assertInvalid(doc(queue("a", "arn:aws:sqs:us-east-1:123456789012:queue", "", "s3:ObjectCreated:*")),
                "destination ARN");
        assertInvalid(doc(queue("a", "arn:cairn:sqs:eu-west-1:hook:webhook", "", "s3:ObjectCreated:*")),
                "destination ARN");
        assertInvalid(doc(queue("a", "", "", "s3:ObjectCreated:*")), "destination ARN");
    }

    @Test
    void anUnknownEventIsRefused() {
        assertInvalid(doc(queue("a", HOOK, "", "s3:ObjectRestore:Post")), "s3:ObjectRestore:Post");
        assertInvalid(doc(queue("a", HOOK, "", "ObjectCreated:Put")), "is not supported");
        assertInvalid(doc(queue("a", HOOK, "", "s3:ObjectCreated:*", "s3:Nonsense")), "s3:Nonsense");
    }

    @Test
    void overlappingFiltersForACommonEventAreRefusedAsS3Does() throws Exception {
        String overlap = "overlapping suffixes";
        // the same event, filters that can match one key (one prefix starts the other, no suffixes)
        assertInvalid(doc(queue("a", HOOK, filter("images/", null), "s3:ObjectCreated:Put"),
                queue("b", KAFKA, filter("images/2024/", null), "s3:ObjectCreated:*")), overlap);
        // no filter at all overlaps everything
        assertInvalid(doc(queue("a", HOOK, "", "s3:ObjectRemoved:*"),
                queue("b", KAFKA, filter(null, ".jpg"), "s3:ObjectRemoved:Delete")), overlap);
        assertInvalid(doc(queue("a", HOOK, filter("a", ".jpg"), "s3:ObjectCreated:Copy"),
                queue("b", HOOK, filter("a", "g"), "s3:ObjectCreated:Copy")), overlap);

        // disjoint prefixes, disjoint suffixes, or no common event: fine
        parse(doc(queue("a", HOOK, filter("images/", null), "s3:ObjectCreated:*"),
                queue("b", KAFKA, filter("docs/", null), "s3:ObjectCreated:*"))).validate(KNOWN, "us-east-1");
        parse(doc(queue("a", HOOK, filter("x", ".jpg"), "s3:ObjectCreated:*"),
                queue("b", HOOK, filter("x", ".png"), "s3:ObjectCreated:*"))).validate(KNOWN, "us-east-1");
        parse(doc(queue("a", HOOK, "", "s3:ObjectCreated:*"),
                queue("b", HOOK, "", "s3:ObjectRemoved:*"))).validate(KNOWN, "us-east-1");
        parse(doc(queue("a", HOOK, "", "s3:ObjectCreated:Put"),
                queue("b", HOOK, "", "s3:ObjectCreated:Post"))).validate(KNOWN, "us-east-1");
    }

    @Test
    void badFiltersAndDuplicateIdsAreRefused() throws Exception {
        assertInvalid(doc(queue("a", HOOK, "<Filter><S3Key><FilterRule><Name>infix</Name><Value>x</Value>"
                + "</FilterRule></S3Key></Filter>", "s3:ObjectCreated:*")), "prefix or suffix");
        assertInvalid(doc(queue("a", HOOK, "<Filter><S3Key><FilterRule><Name>prefix</Name><Value>x</Value>"
                + "</FilterRule><FilterRule><Name>prefix</Name><Value>y</Value></FilterRule></S3Key></Filter>",
                "s3:ObjectCreated:*")), "more than one prefix");
        assertInvalid(doc(queue("same", HOOK, filter("a/", null), "s3:ObjectCreated:*"),
                queue("same", HOOK, filter("b/", null), "s3:ObjectCreated:*")), "unique");
        assertThatThrownBy(() -> parse(doc(queue("a", HOOK, "")))
                .validate(KNOWN, "us-east-1")).isInstanceOf(S3Exception.class);
        assertThatThrownBy(() -> parse("<NotificationConfiguration><QueueConfiguration>"))
                .isInstanceOf(MalformedXmlException.class);
    }
}
