package io.cairn.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.erasure.StripeLayout;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.object.ErasureObjectService;
import io.cairn.object.PutOptions;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook, the outbox and the worker together over real drives, delivering to a real HTTP receiver. */
class DeliveryWorkerTest {

    @TempDir
    Path dir;

    private ErasureObjectService objects;
    private Notifications notifications;
    private WebhookReceiver receiver;

    private void open(String webhookSpec, Notifications.Settings settings) {
        List<ShardStore> drives = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            drives.add(new FileShardStore(dir.resolve("d" + i)));
        }
        objects = new ErasureObjectService(drives, new StripeLayout(2, 2, 4096));
        notifications = new Notifications(objects,
                new NotificationTargets(List.of(NotificationTargets.webhook(webhookSpec))), "us-east-1", settings);
    }

    private static Notifications.Settings fast() {
        return Notifications.Settings.defaults().withRetry(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private void configure(String bucket, String prefix) {
        String filter = prefix == null ? "" : "<Filter><S3Key><FilterRule><Name>prefix</Name><Value>" + prefix
                + "</Value></FilterRule></S3Key></Filter>";
        objects.putBucketConfig(bucket, NotificationRules.CONFIG, "<NotificationConfiguration><QueueConfiguration>"
                + "<Id>all</Id>" + filter + "<Queue>arn:cairn:sqs::hook:webhook</Queue><Event>s3:ObjectCreated:*</Event>"
                + "<Event>s3:ObjectRemoved:*</Event></QueueConfiguration></NotificationConfiguration>");
    }

    private void put(String bucket, String key, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        objects.putObject(bucket, key, new ByteArrayInputStream(b), b.length, PutOptions.of(Map.of()));
    }

    @AfterEach
    void close() {
        if (notifications != null) {
            notifications.close();
        }
        if (objects != null) {
            objects.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void committedWritesAreDeliveredInPerKeyOrderAndRemovedFromTheOutbox() throws Exception {
        receiver = new WebhookReceiver();
        open("hook=" + receiver.uri() + ",token=s3cr3t", fast());
        objects.createBucket("b");
        configure("b", "watched/");
        notifications.start();
        for (int i = 0; i < 5; i++) {
            put("b", "watched/a", "a" + i);
            put("b", "watched/b", "b" + i);
            put("b", "ignored/c", "c" + i);
        }
        objects.deleteObject("b", "watched/a", null);

        await(() -> receiver.received.size() == 11 && notifications.stats().backlog() == 0);
        List<WebhookReceiver.Received> a = receiver.of("watched/a");
        assertThat(a).extracting(WebhookReceiver.Received::event).containsExactly("ObjectCreated:Put",
                "ObjectCreated:Put", "ObjectCreated:Put", "ObjectCreated:Put", "ObjectCreated:Put",
                "ObjectRemoved:Delete");
        assertThat(a).extracting(WebhookReceiver.Received::sequencer).isSorted();
        assertThat(receiver.of("watched/b")).extracting(r -> r.record().get("s3").get("object").get("size").asLong())
                .containsOnly(2L);
        assertThat(receiver.of("ignored/c")).isEmpty();
        assertThat(receiver.received).extracting(WebhookReceiver.Received::authorization).containsOnly("Bearer s3cr3t");
        assertThat(objects.outboxNames(null, 10)).isEmpty();
        assertThat(notifications.stats().delivered()).isEqualTo(11);
    }

    @Test
    void aRefusingTargetIsRetriedWithBackOffAndTheKeysOrderHolds() throws Exception {
        receiver = new WebhookReceiver();
        Path secret = dir.resolve("hmac");
        java.nio.file.Files.writeString(secret, "shared-secret\n");
        open("hook=" + receiver.uri() + ",hmac-secret-file=" + secret, fast());
        objects.createBucket("b");
        configure("b", null);
        receiver.refuse.set(3);
        notifications.start();
        for (int i = 0; i < 4; i++) {
            put("b", "k", "v" + i);
        }
        await(() -> receiver.received.size() == 4 && notifications.stats().backlog() == 0);
        assertThat(receiver.refused).hasValue(3);
        assertThat(receiver.of("k")).extracting(WebhookReceiver.Received::sequencer).isSorted();
        assertThat(receiver.of("k")).extracting(r -> r.record().get("s3").get("object").get("eTag").asText())
                .doesNotHaveDuplicates();
        for (WebhookReceiver.Received r : receiver.received) {
            assertThat(r.signature()).isEqualTo(WebhookTarget.signature(
                    "shared-secret".getBytes(StandardCharsets.UTF_8), r.body()));
        }
        assertThat(notifications.stats().failed()).isEqualTo(3);
        assertThat(notifications.stats().retried()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void entriesWaitingAtARestartAreDeliveredAfterIt() throws Exception {
        receiver = new WebhookReceiver();
        open("hook=" + receiver.uri(), fast());
        objects.createBucket("b");
        configure("b", null);
        put("b", "k1", "x"); // not started: the entries stay in the outbox
        put("b", "k2", "y");
        notifications.close();
        objects.close();

        open("hook=" + receiver.uri(), fast());
        notifications.start();
        assertThat(notifications.stats().backlog()).isEqualTo(2);
        await(() -> receiver.received.size() == 2 && notifications.stats().backlog() == 0);
        assertThat(receiver.received).extracting(WebhookReceiver.Received::key).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void aFullOutboxRefusesTheWriteWithSlowDownAndKeepsNothing() throws Exception {
        receiver = new WebhookReceiver();
        open("hook=" + receiver.uri(), fast().withQueueLimit(2));
        objects.createBucket("b");
        configure("b", null);
        put("b", "k1", "x");
        put("b", "k2", "y");
        assertThatThrownBy(() -> put("b", "k3", "z")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.SLOW_DOWN));
        assertThatThrownBy(() -> objects.headObject("b", "k3", null)).hasMessageContaining("k3");
        assertThat(notifications.stats().refused()).isEqualTo(1);

        notifications.start();
        await(() -> notifications.stats().backlog() == 0);
        put("b", "k3", "z");
        await(() -> receiver.received.size() == 3);
    }
}
