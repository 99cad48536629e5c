package io.cairn.gateway.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cairn.gateway.xml.Xml;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectLock;
import io.cairn.object.ObjectService;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Object lock (WORM): Get/PutObjectLockConfiguration, Get/PutObjectRetention, Get/PutObjectLegalHold, and the
 * lock a new object gets from its request headers or its bucket's default retention. A bucket has object lock
 * when it was created with {@code x-amz-bucket-object-lock-enabled: true}, or when a configuration was put on it
 * while its versioning was Enabled; from then on its versioning cannot be suspended. The lock of a version is
 * kept in its metadata ({@link ObjectLock}); the object layer refuses to remove a held version or weaken its
 * retention, so every path that deletes is covered.
 */
final class ObjectLockOperations implements OperationFamily {

    /** The bucket configuration holding the lock configuration document, as GetObjectLockConfiguration shows it. */
    static final String BUCKET_CONFIG = "object-lock";
    static final String BYPASS_HEADER = "x-amz-bypass-governance-retention";
    private static final String NOT_LOCKED = "Bucket is missing Object Lock Configuration";
    /** AWS's limits on a default retention period. */
    private static final int MAX_DAYS = 36_500;
    private static final int MAX_YEARS = 100;

    private final ObjectService objects;
    private final Clock clock;

    ObjectLockOperations(ObjectService objects, Clock clock) {
        this.objects = objects;
        this.clock = clock;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutObjectLockConfiguration, this::putConfiguration);
        table.put(S3Operation.GetObjectLockConfiguration, this::getConfiguration);
        table.put(S3Operation.PutObjectRetention, this::putRetention);
        table.put(S3Operation.GetObjectRetention, this::getRetention);
        table.put(S3Operation.PutObjectLegalHold, this::putLegalHold);
        table.put(S3Operation.GetObjectLegalHold, this::getLegalHold);
    }

    // ---- bucket configuration ----

    private S3Response putConfiguration(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        Configuration config = Xml.read(call.body(), BucketOperations.MAX_CONFIG_XML, Configuration.class);
        validate(config);
        objects.headBucket(bucket);
        if (!locked(objects, bucket) && !"Enabled".equals(objects.getBucketConfig(bucket, "versioning").orElse(null))) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_STATE,
                    "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
        }
        objects.putBucketConfig(bucket, BUCKET_CONFIG, new String(Xml.write(config), StandardCharsets.UTF_8));
        return S3Response.ok();
    }

    private S3Response getConfiguration(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String stored = objects.getBucketConfig(bucket, BUCKET_CONFIG)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND));
        return S3Response.xml(stored.getBytes(StandardCharsets.UTF_8));
    }

    private static void validate(Configuration config) {
        if (!"Enabled".equals(config.enabled())) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML, "ObjectLockEnabled must be 'Enabled'.");
        }
        if (config.rule() == null) {
            return;
        }
        DefaultRetention d = config.rule().retention();
        if (d == null || !validMode(d.mode()) || (d.days() == null) == (d.years() == null)) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A default retention needs a mode (GOVERNANCE or"
                    + " COMPLIANCE) and either Days or Years.");
        }
        int period = d.days() != null ? d.days() : d.years();
        if (period <= 0 || period > (d.days() != null ? MAX_DAYS : MAX_YEARS)) {
            throw new S3Exception(S3ErrorCode.INVALID_RETENTION_PERIOD, "Default retention period must be a"
                    + " positive integer value (at most " + MAX_DAYS + " days or " + MAX_YEARS + " years).");
        }
    }

    /** Enables object lock on a bucket being created with it; its versioning is Enabled for good. */
    static void enableOnNewBucket(ObjectService objects, String bucket) {
        objects.putBucketConfig(bucket, "versioning", "Enabled");
        objects.putBucketConfig(bucket, BUCKET_CONFIG, new String(Xml.write(new Configuration("Enabled", null)),
                StandardCharsets.UTF_8));
    }

    static boolean locked(ObjectService objects, String bucket) {
        return objects.getBucketConfig(bucket, BUCKET_CONFIG).isPresent();
    }

    // ---- the lock of a new object ----

    /**
     * The lock metadata of an object written to {@code bucket} with {@code headers}: the request's mode and
     * retain-until date (both or neither) and legal hold, else the bucket's default retention counted from
     * {@code now}. InvalidRequest when the request asks for a lock the bucket does not have.
     */
    static Map<String, String> forNewObject(ObjectService objects, String bucket, HttpHeaders headers, Instant now) {
        String mode = headers.get(ObjectLock.MODE);
        String until = headers.get(ObjectLock.RETAIN_UNTIL);
        String hold = headers.get(ObjectLock.LEGAL_HOLD);
        Optional<String> stored = objects.getBucketConfig(bucket, BUCKET_CONFIG);
        if (stored.isEmpty()) {
            if (mode != null || until != null || hold != null) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, NOT_LOCKED);
            }
            return Map.of();
        }
        Map<String, String> lock = new LinkedHashMap<>();
        if (mode != null || until != null) {
            if (mode == null || until == null) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-object-lock-retain-until-date and"
                        + " x-amz-object-lock-mode must both be supplied");
            }
            if (!validMode(mode)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown wormMode directive.");
            }
            Instant date = parseDate(until, S3ErrorCode.INVALID_ARGUMENT);
            if (!date.isAfter(now)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The retain until date must be in the future!");
            }
            lock.put(ObjectLock.MODE, mode);
            lock.put(ObjectLock.RETAIN_UNTIL, format(date));
        } else {
            Configuration config = stored(stored.get());
            if (config.rule() != null && config.rule().retention() != null) {
                DefaultRetention d = config.rule().retention();
                Instant date = d.days() != null ? now.plus(Duration.ofDays(d.days()))
                        : now.atZone(ZoneOffset.UTC).plusYears(d.years()).toInstant();
                lock.put(ObjectLock.MODE, d.mode());
                lock.put(ObjectLock.RETAIN_UNTIL, format(date));
            }
        }
        if (hold != null) {
            if (!hold.equals("ON") && !hold.equals("OFF")) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Legal Hold must be either of 'ON' or 'OFF'");
            }
            lock.put(ObjectLock.LEGAL_HOLD, hold);
        }
        return lock;
    }

    private static Configuration stored(String document) {
        try {
            return Xml.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)),
                    BucketOperations.MAX_CONFIG_XML, Configuration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy's metadata without its source's lock: a copy is locked by its own request and bucket. */
    static void dropLock(Map<String, String> metadata) {
        metadata.remove(ObjectLock.MODE);
        metadata.remove(ObjectLock.RETAIN_UNTIL);
        metadata.remove(ObjectLock.LEGAL_HOLD);
    }

    /** Puts the lock entries of {@code source} back into {@code metadata}. */
    static void keepLock(Map<String, String> source, Map<String, String> metadata) {
        for (String name : new String[] {ObjectLock.MODE, ObjectLock.RETAIN_UNTIL, ObjectLock.LEGAL_HOLD}) {
            String value = source.get(name);
            if (value != null) {
                metadata.put(name, value);
            }
        }
    }

    static boolean bypassGovernance(S3Request req) {
        return "true".equalsIgnoreCase(req.header(BYPASS_HEADER));
    }

    // ---- retention and legal hold of a version ----

    private S3Response putRetention(S3Call call) throws IOException {
        S3Request req = call.request();
        Retention retention = Xml.read(call.body(), BucketOperations.MAX_CONFIG_XML, Retention.class);
        requireLock(req.bucket());
        Map<String, String> changes = new LinkedHashMap<>();
        if (retention.mode() == null && retention.until() == null) {
            changes.put(ObjectLock.MODE, null);
            changes.put(ObjectLock.RETAIN_UNTIL, null);
        } else {
            if (!validMode(retention.mode()) || retention.until() == null) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A retention needs a Mode (GOVERNANCE or"
                        + " COMPLIANCE) and a RetainUntilDate.");
            }
            Instant date = parseDate(retention.until(), S3ErrorCode.MALFORMED_XML);
            if (!date.isAfter(clock.instant())) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The retain until date must be in the future!");
            }
            changes.put(ObjectLock.MODE, retention.mode());
            changes.put(ObjectLock.RETAIN_UNTIL, format(date));
        }
        return withVersion(S3Response.ok(), change(req, changes, bypassGovernance(req)));
    }

    private S3Response getRetention(S3Call call) {
        S3Request req = call.request();
        requireLock(req.bucket());
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        String mode = info.metadata().get(ObjectLock.MODE);
        if (mode == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
        }
        return withVersion(S3Response.xml(Xml.write(new Retention(mode, info.metadata().get(ObjectLock.RETAIN_UNTIL)))),
                info);
    }

    private S3Response putLegalHold(S3Call call) throws IOException {
        S3Request req = call.request();
        LegalHold hold = Xml.read(call.body(), BucketOperations.MAX_CONFIG_XML, LegalHold.class);
        if (!"ON".equals(hold.status()) && !"OFF".equals(hold.status())) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Legal hold status must be ON or OFF.");
        }
        requireLock(req.bucket());
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(ObjectLock.LEGAL_HOLD, hold.status());
        return withVersion(S3Response.ok(), change(req, changes, false));
    }

    private S3Response getLegalHold(S3Call call) {
        S3Request req = call.request();
        requireLock(req.bucket());
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        String status = info.metadata().get(ObjectLock.LEGAL_HOLD);
        if (status == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
        }
        return withVersion(S3Response.xml(Xml.write(new LegalHold(status))), info);
    }

    private void requireLock(String bucket) {
        objects.headBucket(bucket);
        if (!locked(objects, bucket)) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, NOT_LOCKED);
        }
    }

    /** Applies {@code changes} (a null value removes the entry) to the version's metadata. */
    private ObjectInfo change(S3Request req, Map<String, String> changes, boolean bypass) {
        ObjectInfo info = objects.headObject(req.bucket(), req.key(), req.param("versionId"));
        Map<String, String> metadata = new LinkedHashMap<>(info.metadata());
        changes.forEach((k, v) -> {
            if (v == null) {
                metadata.remove(k);
            } else {
                metadata.put(k, v);
            }
        });
        return objects.updateMetadata(req.bucket(), req.key(), info.versionId(), metadata, bypass);
    }

    private static S3Response withVersion(S3Response r, ObjectInfo info) {
        if (info.versionId() != null && !info.versionId().equals("null")) {
            r.header("x-amz-version-id", info.versionId());
        }
        return r;
    }

    private static boolean validMode(String mode) {
        return ObjectLock.GOVERNANCE.equals(mode) || ObjectLock.COMPLIANCE.equals(mode);
    }

    private static Instant parseDate(String value, S3ErrorCode error) {
        try {
            return DateTimeFormatter.ISO_DATE_TIME.parse(value.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            throw new S3Exception(error, "The retain until date is not an ISO 8601 date and time: " + value);
        }
    }

    /** ISO 8601 in UTC with milliseconds, as AWS writes the date. */
    private static String format(Instant date) {
        return DateTimeFormatter.ISO_INSTANT.format(date.truncatedTo(ChronoUnit.MILLIS));
    }

    // ---- documents ----

    @JacksonXmlRootElement(localName = "ObjectLockConfiguration")
    @JsonPropertyOrder({"ObjectLockEnabled", "Rule"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Configuration(@JacksonXmlProperty(localName = "ObjectLockEnabled") String enabled,
                         @JacksonXmlProperty(localName = "Rule") Rule rule) {
    }

    record Rule(@JacksonXmlProperty(localName = "DefaultRetention") DefaultRetention retention) {
    }

    @JsonPropertyOrder({"Mode", "Days", "Years"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DefaultRetention(@JacksonXmlProperty(localName = "Mode") String mode,
                            @JacksonXmlProperty(localName = "Days") Integer days,
                            @JacksonXmlProperty(localName = "Years") Integer years) {
    }

    @JacksonXmlRootElement(localName = "Retention")
    @JsonPropertyOrder({"Mode", "RetainUntilDate"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Retention(@JacksonXmlProperty(localName = "Mode") String mode,
                     @JacksonXmlProperty(localName = "RetainUntilDate") String until) {
    }

    @JacksonXmlRootElement(localName = "LegalHold")
    record LegalHold(@JacksonXmlProperty(localName = "Status") String status) {
    }
}
