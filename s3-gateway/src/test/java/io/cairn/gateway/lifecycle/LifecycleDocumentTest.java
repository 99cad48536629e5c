package io.cairn.gateway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.xml.Xml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleDocumentTest {

    private static LifecycleDocument parse(String rules) throws Exception {
        String xml = "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + rules
                + "</LifecycleConfiguration>";
        return Xml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 1 << 20,
                LifecycleDocument.class);
    }

    private static List<LifecycleRule> rules(String rules) throws Exception {
        return parse(rules).toRules();
    }

    private static void refused(String rules, S3ErrorCode code) {
        assertThatThrownBy(() -> rules(rules)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void rulesReadEveryFilterAndAction() throws Exception {
        List<LifecycleRule> r = rules("<Rule><ID>a</ID><Prefix>logs/</Prefix><Status>Enabled</Status>"
                + "<Expiration><Days>3</Days></Expiration></Rule>"
                + "<Rule><ID>b</ID><Filter><And><Prefix>tmp/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag>"
                + "<Tag><Key>x</Key><Value>y</Value></Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></And>"
                + "</Filter><Status>Disabled</Status><NoncurrentVersionExpiration><NoncurrentDays>2</NoncurrentDays>"
                + "<NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration></Rule>"
                + "<Rule><Filter></Filter><Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00Z</Date>"
                + "</Expiration><AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation>"
                + "</AbortIncompleteMultipartUpload></Rule>"
                + "<Rule><ID>d</ID><Filter><Prefix>m/</Prefix></Filter><Status>Enabled</Status><Expiration>"
                + "<ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>");
        assertThat(r).hasSize(4);
        assertThat(r.get(0)).satisfies(a -> {
            assertThat(a.prefix()).isEqualTo("logs/");
            assertThat(a.expirationDays()).isEqualTo(3);
            assertThat(a.enabled()).isTrue();
        });
        assertThat(r.get(1)).satisfies(b -> {
            assertThat(b.enabled()).isFalse();
            assertThat(b.prefix()).isEqualTo("tmp/");
            assertThat(b.tags()).isEqualTo(Map.of("k", "v", "x", "y"));
            assertThat(b.sizeGreaterThan()).isEqualTo(10L);
            assertThat(b.noncurrentDays()).isEqualTo(2);
            assertThat(b.newerNoncurrentVersions()).isEqualTo(3);
        });
        assertThat(r.get(2).expirationDate()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(r.get(2).abortDays()).isEqualTo(7);
        assertThat(r.get(2).prefix()).isEmpty();
        assertThat(r.get(3).expiredDeleteMarker()).isTrue();
    }

    @Test
    void aRuleWithoutIdIsGivenOneAndTheDocumentKeepsTheClientsForm() throws Exception {
        LifecycleDocument stored = parse("<Rule><Prefix>p/</Prefix><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration></Rule>").withIds();
        String xml = new String(Xml.write(stored), StandardCharsets.UTF_8);
        assertThat(xml).contains("<Prefix>p/</Prefix>").contains("<ID>").doesNotContain("<Filter");
        assertThat(stored.rules().get(0).id()).isNotBlank();
    }

    @Test
    void badDocumentsGetTheErrorsS3Gives() {
        String expire = "<Expiration><Days>1</Days></Expiration>";
        refused("<Rule><ID>" + "a".repeat(256) + "</ID><Status>Enabled</Status>" + expire + "</Rule>",
                S3ErrorCode.INVALID_ARGUMENT);
        refused("<Rule><ID>a</ID><Status>Enabled</Status>" + expire + "</Rule><Rule><ID>a</ID><Status>Enabled"
                + "</Status>" + expire + "</Rule>", S3ErrorCode.INVALID_ARGUMENT);
        refused("<Rule><Status>enabled</Status>" + expire + "</Rule>", S3ErrorCode.MALFORMED_XML);
        refused("<Rule><Status>Enabled</Status></Rule>", S3ErrorCode.MALFORMED_XML);
        refused("<Rule><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>",
                S3ErrorCode.INVALID_ARGUMENT);
        refused("<Rule><Status>Enabled</Status><Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date>"
                + "</Expiration></Rule>", S3ErrorCode.MALFORMED_XML);
        refused("<Rule><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>",
                S3ErrorCode.INVALID_ARGUMENT);
        refused("<Rule><Status>Enabled</Status><Expiration><Date>20300101</Date></Expiration></Rule>",
                S3ErrorCode.INVALID_ARGUMENT);
        refused("<Rule><Prefix>a</Prefix><Filter><Prefix>b</Prefix></Filter><Status>Enabled</Status>" + expire
                + "</Rule>", S3ErrorCode.MALFORMED_XML);
        refused("<Rule><Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>"
                + "<Status>Enabled</Status>" + expire + "</Rule>", S3ErrorCode.MALFORMED_XML);
        refused("<Rule><Status>Enabled</Status>" + expire + "<Transition><Days>30</Days><StorageClass>GLACIER"
                + "</StorageClass></Transition></Rule>", S3ErrorCode.INVALID_STORAGE_CLASS);
        refused("<Rule><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation>"
                + "</AbortIncompleteMultipartUpload></Rule>", S3ErrorCode.INVALID_ARGUMENT);
    }
}
