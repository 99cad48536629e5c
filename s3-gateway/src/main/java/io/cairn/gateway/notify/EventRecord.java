package io.cairn.gateway.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.object.OutboxEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The S3 event message of one outbox entry, as AWS writes it (event version 2.1): {@code {"Records":[...]}}
 * with one record. The object key is URL-encoded the way S3 does it in events (form encoding: a space is
 * {@code +}, a slash stays). The sequencer is the entry's per-key sequencer as 16 upper-case hex digits, so
 * that, as S3 promises, comparing two events' sequencers of one key as strings orders them.
 */
final class EventRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private EventRecord() {
    }

    static byte[] json(OutboxEntry e, String configurationId, String region) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", TIME.format(Instant.ofEpochMilli(e.time())));
        record.put("eventName", e.event());
        record.putObject("userIdentity").put("principalId", "cairn");
        record.putObject("requestParameters").put("sourceIPAddress", "");
        record.putObject("responseElements");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", e.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "cairn");
        bucket.put("arn", "arn:aws:s3:::" + e.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(e.key()));
        if (e.event().startsWith("ObjectCreated:")) {
            object.put("size", e.size());
            object.put("eTag", e.etag());
        }
        if (e.versionId() != null) {
            object.put("versionId", e.versionId());
        }
        object.put("sequencer", sequencer(e.sequencer()));
        ObjectNode root = JSON.createObjectNode();
        root.putArray("Records").add(record);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    static String sequencer(long seq) {
        return String.format(Locale.ROOT, "%016X", seq);
    }
}
