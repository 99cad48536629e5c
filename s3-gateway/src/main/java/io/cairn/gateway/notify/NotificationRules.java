package io.cairn.gateway.notify;

import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.xml.Xml;
import io.cairn.object.CommitEvents;
import io.cairn.object.ObjectService;
import io.cairn.object.OutboxEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbox hook: for each change about to commit, the targets whose bucket configuration wants its event
 * (event name and key filter), each recorded as {@code ARN CONFIGURATION-ID}. A full outbox refuses the change
 * with 503 SlowDown: a write that could not keep its event is not made, rather than made without it.
 */
final class NotificationRules implements CommitEvents {

    /** The bucket configuration document the NotificationConfiguration is stored under. */
    static final String CONFIG = "notification";
    /** How long a bucket's rules are trusted before they are read again (another gateway may change them). */
    private static final long TTL_MILLIS = 2000;

    private record Cached(List<NotificationConfiguration.Rule> rules, long readAt) {
    }

    private final ObjectService objects;
    private final String region;
    private final NotificationTargets targets;
    private final NotificationStats stats;
    private final long limit;
    private final Runnable nudge;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    NotificationRules(ObjectService objects, String region, NotificationTargets targets, NotificationStats stats,
                      long limit, Runnable nudge) {
        this.objects = objects;
        this.region = region;
        this.targets = targets;
        this.stats = stats;
        this.limit = limit;
        this.nudge = nudge;
    }

    @Override
    public Intent intent(Change change) {
        String event = EventNames.of(change.kind(), change.origin());
        Map<String, String> wanted = new LinkedHashMap<>();
        for (NotificationConfiguration.Rule r : rules(change.bucket())) {
            if (r.matches(event, change.key()) && targets.get(r.arn()) != null) {
                wanted.putIfAbsent(r.arn(), r.arn() + " " + r.id());
            }
        }
        if (wanted.isEmpty()) {
            return null;
        }
        if (stats.backlog.get() >= limit) {
            stats.refused.increment();
            throw new S3Exception(S3ErrorCode.SLOW_DOWN, "The notification outbox is full (" + limit
                    + " events not yet delivered); the write was not made. Please retry later.");
        }
        return new Intent(event, new ArrayList<>(wanted.values()));
    }

    @Override
    public void recorded(OutboxEntry entry) {
        stats.backlog.incrementAndGet();
        nudge.run();
    }

    @Override
    public void discarded(int count) {
        stats.backlog.addAndGet(-count);
        stats.discarded.add(count);
    }

    List<NotificationConfiguration.Rule> rules(String bucket) {
        long now = System.currentTimeMillis();
        Cached c = cache.get(bucket);
        if (c == null || now - c.readAt() > TTL_MILLIS) {
            c = new Cached(objects.getBucketConfig(bucket, CONFIG).map(this::parse).orElse(List.of()), now);
            cache.put(bucket, c);
        }
        return c.rules();
    }

    void invalidate(String bucket) {
        cache.remove(bucket);
    }

    private List<NotificationConfiguration.Rule> parse(String xml) {
        try {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            return Xml.read(new ByteArrayInputStream(bytes), bytes.length, NotificationConfiguration.class)
                    .rules(region);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a recorded target into its ARN and configuration id. */
    static String[] split(String recorded) {
        int space = recorded.indexOf(' ');
        return space < 0 ? new String[] {recorded, ""} : new String[] {recorded.substring(0, space),
                recorded.substring(space + 1)};
    }
}
