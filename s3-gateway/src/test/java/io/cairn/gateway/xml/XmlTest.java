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

    @Test
    void readsRequestDocuments() throws Exception {
        String tagging = "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
                + "<Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag></TagSet></Tagging>";
        Tagging t = Xml.read(new ByteArrayInputStream(tagging.getBytes(StandardCharsets.UTF_8)), 10_000, Tagging.class);
        assertThat(t.tags()).containsExactly(new Tagging.Tag("a", "1"), new Tagging.Tag("b", "2"));
        String delete = "<Delete><Object><Key>k1</Key></Object><Object><Key>k2</Key><VersionId>v</VersionId></Object>"
                + "<Quiet>true</Quiet></Delete>";
        DeleteRequest d = Xml.read(new ByteArrayInputStream(delete.getBytes(StandardCharsets.UTF_8)), 10_000,
                DeleteRequest.class);
        assertThat(d.quiet()).isTrue();
        assertThat(d.objects()).containsExactly(new DeleteRequest.ObjectId("k1", null),
                new DeleteRequest.ObjectId("k2", "v"));
        assertThat(new String(Xml.write(t), StandardCharsets.UTF_8)).isEqualTo("<?xml version='1.0' encoding='UTF-8'?>"
                + tagging.replace("<Tagging xmlns", "<Tagging xmlns"));
        String single = "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>";
        assertThat(Xml.read(new ByteArrayInputStream(single.getBytes(StandardCharsets.UTF_8)), 10_000,
                Tagging.class).tags()).containsExactly(new Tagging.Tag("a", "1"));
    }
}
