package io.cairn.gateway.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlTest {

    @Test
    void writesBucketListInS3Namespace() {
        var doc = new ListAllMyBucketsResult(new Owner("id1", "root"),
                List.of(new ListAllMyBucketsResult.Bucket("b1", Xml.timestamp(Instant.ofEpochMilli(1234)))));
        String xml = new String(Xml.write(doc), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version='1.0' encoding='UTF-8'?>"
                + "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Owner><ID>id1</ID><DisplayName>root</DisplayName></Owner>"
                + "<Buckets><Bucket><Name>b1</Name><CreationDate>1970-01-01T00:00:01.234Z</CreationDate></Bucket>"
                + "</Buckets></ListAllMyBucketsResult>");
    }

    @Test
    void errorHasNoNamespace() {
        String xml = new String(Xml.writeWithoutNamespace(new ErrorDocument("NoSuchKey", "m", "/b/k", "r1")), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
                + "<Message>m</Message><Resource>/b/k</Resource><RequestId>r1</RequestId></Error>");
    }

    @Test
    void refusesExternalEntities() {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Owner><ID>&x;</ID></Owner>";
        assertThatThrownBy(() -> Xml.read(new ByteArrayInputStream(evil.getBytes(StandardCharsets.UTF_8)), 10_000,
                Owner.class)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void refusesOversizedAndBrokenDocuments() {
        byte[] big = ("<Owner><ID>" + "a".repeat(200) + "</ID></Owner>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Xml.read(new ByteArrayInputStream(big), 100, Owner.class))
                .isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> Xml.read(new ByteArrayInputStream("<Owner><ID>".getBytes(StandardCharsets.UTF_8)),
                100, Owner.class)).isInstanceOf(MalformedXmlException.class);
    }
}
