package io.cairn.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.object.ChangeKind;
import io.cairn.object.OutboxEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecordTest {

    @Test
    void aCreatedEventIsTheS3EventJson() throws Exception {
        OutboxEntry e = new OutboxEntry("photos", "2024/red flower+é.jpg", 0x55AED6DCD90281E5L, ChangeKind.PUT,
                "ObjectCreated:Put", "3HL4kqtJlcpXroDTDmJ", 1024, "d41d8cd98f00b204e9800998ecf8427e",
                1_764_307_200_123L, List.of("arn:cairn:sqs::hook:webhook images"));
        JsonNode root = new ObjectMapper().readTree(EventRecord.json(e, "images", "eu-west-1"));
        assertThat(root.get("Records")).hasSize(1);
        JsonNode r = root.get("Records").get(0);
        assertThat(r.get("eventVersion").asText()).isEqualTo("2.1");
        assertThat(r.get("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(r.get("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(r.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(r.get("eventTime").asText()).isEqualTo("2025-11-28T05:20:00.123Z");
        JsonNode s3 = r.get("s3");
        assertThat(s3.get("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3.get("configurationId").asText()).isEqualTo("images");
        assertThat(s3.get("bucket").get("name").asText()).isEqualTo("photos");
        assertThat(s3.get("bucket").get("arn").asText()).isEqualTo("arn:aws:s3:::photos");
        JsonNode o = s3.get("object");
        assertThat(o.get("key").asText()).isEqualTo("2024/red+flower%2B%C3%A9.jpg");
        assertThat(o.get("size").asLong()).isEqualTo(1024);
        assertThat(o.get("eTag").asText()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(o.get("versionId").asText()).isEqualTo("3HL4kqtJlcpXroDTDmJ");
        assertThat(o.get("sequencer").asText()).isEqualTo("55AED6DCD90281E5");
    }

    @Test
    void aRemovedEventHasNoSizeOrETagAndAnUnversionedOneNoVersionId() throws Exception {
        OutboxEntry e = new OutboxEntry("b", "k", 7, ChangeKind.DELETE, "ObjectRemoved:Delete", null, 0, null, 0,
                List.of());
        JsonNode o = new ObjectMapper().readTree(EventRecord.json(e, "c", "us-east-1")).get("Records").get(0)
                .get("s3").get("object");
        assertThat(o.has("size")).isFalse();
        assertThat(o.has("eTag")).isFalse();
        assertThat(o.has("versionId")).isFalse();
        assertThat(o.get("sequencer").asText()).isEqualTo("0000000000000007");
    }

    @Test
    void sequencersOfOneKeyCompareAsStringsInCommitOrder() {
        assertThat(EventRecord.sequencer(0xFFL).compareTo(EventRecord.sequencer(0x100L))).isNegative();
    }

    @Test
    void eventNamesFollowTheChangeAndTheWritersTag() {
        assertThat(EventNames.of(ChangeKind.PUT, null)).isEqualTo("ObjectCreated:Put");
        assertThat(EventNames.of(ChangeKind.PUT, "Copy")).isEqualTo("ObjectCreated:Copy");
        assertThat(EventNames.of(ChangeKind.PUT, "Post")).isEqualTo("ObjectCreated:Post");
        assertThat(EventNames.of(ChangeKind.COMPLETE, null)).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(EventNames.of(ChangeKind.DELETE, null)).isEqualTo("ObjectRemoved:Delete");
        assertThat(EventNames.of(ChangeKind.DELETE_MARKER, null)).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(EventNames.matches("s3:ObjectCreated:*", "ObjectCreated:Copy")).isTrue();
        assertThat(EventNames.matches("s3:ObjectCreated:*", "ObjectRemoved:Delete")).isFalse();
    }
}
