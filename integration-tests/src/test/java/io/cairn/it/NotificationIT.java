package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3KeyFilter;

/**
 * Bucket notifications end to end: a real {@code cairn server} process with a webhook target, the AWS SDK as
 * the client, and a JDK HTTP server on 127.0.0.1 as the receiver. The second test kills the server with SIGKILL
 * in the middle of a write load, again and again, and checks that every acknowledged write's event arrives
 * (duplicates allowed), in per-key order, and no event of a write that was refused.
 */
class NotificationIT {

    static final String ARN = "arn:cairn:sqs::hook:webhook";
    static final String TOKEN = "it-webhook-token";

    /** One received event. */
    record Received(String key, String event, String etag, String versionId, String sequencer, String auth) {
    }

    /** The webhook endpoint: keeps every event it receives. */
    static final class Receiver implements AutoCloseable {
        final List<Received> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/events", exchange -> {
                JsonNode r = new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()).get("Records").get(0);
                JsonNode o = r.get("s3").get("object");
                received.add(new Received(java.net.URLDecoder.decode(o.get("key").asText(), StandardCharsets.UTF_8),
                        r.get("eventName").asText(), o.has("eTag") ? o.get("eTag").asText() : null,
                        o.has("versionId") ? o.get("versionId").asText() : null, o.get("sequencer").asText(),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String spec() {
            return "hook=http://127.0.0.1:" + server.getAddress().getPort() + "/events,token=" + TOKEN;
        }

        /** Each key's events in sequencer order, one per sequencer (a redelivery is a duplicate). */
        Map<String, List<Received>> byKey() {
            Map<String, Map<String, Received>> seen = new LinkedHashMap<>();
            for (Received r : received) {
                seen.computeIfAbsent(r.key(), k -> new java.util.TreeMap<>()).putIfAbsent(r.sequencer(), r);
            }
            Map<String, List<Received>> out = new LinkedHashMap<>();
            seen.forEach((k, m) -> out.put(k, new ArrayList<>(m.values())));
            return out;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static void configure(S3Client s3, String bucket, String prefix) {
        QueueConfiguration.Builder q = QueueConfiguration.builder().id("it").queueArn(ARN)
                .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        if (prefix != null) {
            q.filter(NotificationConfigurationFilter.builder().key(S3KeyFilter.builder().filterRules(
                    FilterRule.builder().name(FilterRuleName.PREFIX).value(prefix).build()).build()).build());
        }
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(
                NotificationConfiguration.builder().queueConfigurations(q.build()).build()));
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theReceiverGetsExactlyTheCommittedEventsInPerKeyOrder() throws Exception {
        try (Receiver receiver = new Receiver();
             CrashServer server = new CrashServer(List.of("--heal-interval", "0", "--notify-webhook", receiver.spec(),
                     "--metrics-token", METRICS_TOKEN), Map.of())) {
            server.start();
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket("events"));
                // configuration: an ARN naming no target and an unknown event are refused; a good one reads back
                assertThatThrownBy(() -> s3.putBucketNotificationConfiguration(b -> b.bucket("events")
                        .notificationConfiguration(NotificationConfiguration.builder().queueConfigurations(
                                QueueConfiguration.builder().queueArn("arn:cairn:sqs::nobody:webhook")
                                        .events(Event.S3_OBJECT_CREATED).build()).build())))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                        });
                assertThatThrownBy(() -> s3.putBucketNotificationConfiguration(b -> b.bucket("events")
                        .notificationConfiguration(NotificationConfiguration.builder().queueConfigurations(
                                QueueConfiguration.builder().queueArn(ARN).eventsWithStrings("s3:ObjectRestore:Post")
                                        .build()).build())))
                        .isInstanceOfSatisfying(S3Exception.class, e ->
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
                configure(s3, "events", "n/");
                GetBucketNotificationConfigurationResponse got =
                        s3.getBucketNotificationConfiguration(b -> b.bucket("events"));
                assertThat(got.queueConfigurations()).hasSize(1);
                assertThat(got.queueConfigurations().get(0).queueArn()).isEqualTo(ARN);
                assertThat(got.queueConfigurations().get(0).filter().key().filterRules().get(0).value()).isEqualTo("n/");

                String e1 = s3.putObject(b -> b.bucket("events").key("n/a b"), RequestBody.fromString("one")).eTag();
                String e2 = s3.putObject(b -> b.bucket("events").key("n/a b"), RequestBody.fromString("two")).eTag();
                // refused writes commit nothing and have no event
                assertThatThrownBy(() -> s3.putObject(b -> b.bucket("events").key("n/a b").ifNoneMatch("*"),
                        RequestBody.fromString("three"))).isInstanceOf(S3Exception.class);
                s3.putObject(b -> b.bucket("events").key("other/x"), RequestBody.fromString("unwatched"));
                String copied = s3.copyObject(b -> b.sourceBucket("events").sourceKey("n/a b")
                        .destinationBucket("events").destinationKey("n/copy")).copyObjectResult().eTag();
                String upload = s3.createMultipartUpload(b -> b.bucket("events").key("n/multi")).uploadId();
                String p1 = s3.uploadPart(b -> b.bucket("events").key("n/multi").uploadId(upload).partNumber(1),
                        RequestBody.fromString("part")).eTag();
                String multi = s3.completeMultipartUpload(b -> b.bucket("events").key("n/multi").uploadId(upload)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(
                                CompletedPart.builder().partNumber(1).eTag(p1).build()).build())).eTag();
                s3.deleteObject(b -> b.bucket("events").key("n/a b"));
                s3.putBucketVersioning(b -> b.bucket("events").versioningConfiguration(v -> v.status(
                        BucketVersioningStatus.ENABLED)));
                String v1 = s3.putObject(b -> b.bucket("events").key("n/v"), RequestBody.fromString("v")).versionId();
                String marker = s3.deleteObject(b -> b.bucket("events").key("n/v")).versionId();

                try {
                    await(() -> receiver.received.size() >= 7, Duration.ofSeconds(30), "7 events");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ", received " + receiver.received + "\n"
                            + server.tail(6000), e);
                }
                Thread.sleep(1000); // nothing else may come
                Map<String, List<Received>> byKey = receiver.byKey();
                assertThat(byKey.keySet()).containsExactlyInAnyOrder("n/a b", "n/copy", "n/multi", "n/v");
                assertThat(byKey.get("n/a b")).extracting(Received::event, Received::etag).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:Put", unquote(e1)),
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:Put", unquote(e2)),
                        org.assertj.core.groups.Tuple.tuple("ObjectRemoved:Delete", null));
                assertThat(byKey.get("n/copy")).extracting(Received::event, Received::etag).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:Copy", unquote(copied)));
                assertThat(byKey.get("n/multi")).extracting(Received::event, Received::etag).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:CompleteMultipartUpload", unquote(multi)));
                assertThat(byKey.get("n/v")).extracting(Received::event, Received::versionId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:Put", v1),
                        org.assertj.core.groups.Tuple.tuple("ObjectRemoved:DeleteMarkerCreated", marker));
                assertThat(receiver.received).hasSize(7).extracting(Received::auth).containsOnly("Bearer " + TOKEN);
                String metrics = scrape(server);
                assertThat(metrics).contains("cairn_notify_delivered_total 7").contains("cairn_notify_backlog 0")
                        .contains("cairn_notify_failed_total 0").contains("cairn_notify_refused_total 0");
            }
        }
    }

    @Test
    void aWriteStoppedBetweenItsOutboxEntryAndItsCommitHasNoEvent() throws Exception {
        try (Receiver receiver = new Receiver();
             CrashServer server = new CrashServer(List.of("--heal-interval", "0", "--notify-webhook", receiver.spec()),
                     Map.of())) {
            server.start();
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket("cut"));
                configure(s3, "cut", null);
            }
            // the second entry written halts the server: its write never commits
            server.kill();
            server.start(Map.of("CAIRN_CRASH_AT", "outbox.after-intent:2"));
            String first;
            try (S3Client s3 = server.client()) {
                first = unquote(s3.putObject(b -> b.bucket("cut").key("k"), RequestBody.fromString("first")).eTag());
                assertThatThrownBy(() -> s3.putObject(b -> b.bucket("cut").key("k"),
                        RequestBody.fromString("second"))).isInstanceOf(RuntimeException.class);
            }
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isTrue();
            server.start();
            String third;
            try (S3Client s3 = server.client()) {
                assertThat(unquote(s3.headObject(b -> b.bucket("cut").key("k")).eTag())).isEqualTo(first);
                third = unquote(s3.putObject(b -> b.bucket("cut").key("k"), RequestBody.fromString("third")).eTag());
            }
            await(() -> receiver.received.size() >= 2, Duration.ofSeconds(30), "2 events");
            Thread.sleep(1500);
            assertThat(receiver.byKey().get("k")).extracting(Received::etag).containsExactly(first, third);
            assertThat(server.readLog()).contains("crash point outbox.after-intent:2 reached");
        }
    }

    /** One write of the load as the client saw it. */
    record Write(String key, boolean delete, String etag, boolean acknowledged) {
    }

    @Test
    void afterSigkillsEveryAcknowledgedWriteHasItsEventInOrder() throws Exception {
        int rounds = Integer.getInteger("notify.kills", 3);
        long seed = Long.getLong("notify.seed", System.nanoTime());
        Random random = new Random(seed);
        try (Receiver receiver = new Receiver();
             CrashServer server = new CrashServer(List.of("--heal-interval", "0", "--notify-webhook", receiver.spec()),
                     Map.of())) {
            server.start();
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket("load"));
                configure(s3, "load", null);
            }
            Map<String, List<Write>> history = new ConcurrentHashMap<>();
            Set<String> refusedEtags = ConcurrentHashMap.newKeySet();
            int clients = 4;
            for (int round = 0; round < rounds; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                try (S3Client s3 = server.client()) {
                    for (int c = 0; c < clients; c++) {
                        int client = c;
                        long clientSeed = random.nextLong();
                        Thread t = new Thread(() -> load(s3, client, clientSeed, stop, history, refusedEtags));
                        threads.add(t);
                        t.start();
                    }
                    Thread.sleep(1500 + random.nextInt(2500));
                    server.kill();
                    stop.set(true);
                    for (Thread t : threads) {
                        t.join(60_000);
                    }
                }
                server.start();
            }
            // every acknowledged write's event arrives, in the key's order
            await(() -> missing(history, receiver.byKey()).isEmpty(), Duration.ofSeconds(90),
                    "events of acknowledged writes (seed " + seed + ")");
            Thread.sleep(2000);
            Map<String, List<Received>> byKey = receiver.byKey();
            assertThat(missing(history, byKey)).isEmpty();
            try (S3Client s3 = server.client()) {
                for (Map.Entry<String, List<Write>> e : history.entrySet()) {
                    List<Received> events = byKey.getOrDefault(e.getKey(), List.of());
                    assertThat(isSubsequence(required(e.getValue()), events))
                            .as("acknowledged writes of %s in order in %s (seed %d)", e.getKey(), events, seed)
                            .isTrue();
                    Set<String> sent = new HashSet<>();
                    e.getValue().forEach(w -> sent.add(w.etag()));
                    for (Received r : events) {
                        assertThat(r.etag() == null || sent.contains(r.etag())).as("event of a write never sent")
                                .isTrue();
                        assertThat(refusedEtags).as("event of a refused write").doesNotContain(r.etag());
                    }
                    // the last event says what the key now is: a committed write is never without its event
                    Received last = events.isEmpty() ? null : events.get(events.size() - 1);
                    String now;
                    try {
                        now = unquote(s3.headObject(b -> b.bucket("load").key(e.getKey())).eTag());
                    } catch (NoSuchKeyException gone) {
                        now = null;
                    }
                    assertThat(last == null || last.event().startsWith("ObjectRemoved") ? null : last.etag())
                            .as("the last event of %s against its state (seed %d)", e.getKey(), seed).isEqualTo(now);
                }
            }
            assertThat(server.readLog()).contains("events waiting in the outbox");
            long acknowledged = history.values().stream().flatMap(List::stream).filter(Write::acknowledged).count();
            long cut = history.values().stream().flatMap(List::stream).filter(w -> !w.acknowledged()).count();
            long distinct = byKey.values().stream().mapToLong(List::size).sum();
            System.out.printf("notification SIGKILL run: seed %d, %d kills, %d acknowledged writes, %d cut by a kill,"
                    + " %d refused, %d events (%d distinct, %d duplicates)%n", seed, rounds, acknowledged, cut,
                    refusedEtags.size(), receiver.received.size(), distinct, receiver.received.size() - distinct);
        }
    }

    /** One client: its own keys, one request at a time, PUTs (some conditional and refused) and DELETEs. */
    private static void load(S3Client s3, int client, long seed, AtomicBoolean stop, Map<String, List<Write>> history,
                             Set<String> refusedEtags) {
        Random r = new Random(seed);
        while (!stop.get()) {
            String key = "c" + client + "/k" + r.nextInt(3);
            List<Write> h = history.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            int op = r.nextInt(10);
            String content = key + " " + r.nextLong();
            String etag = md5(content);
            try {
                if (op < 6) {
                    s3.putObject(b -> b.bucket("load").key(key), RequestBody.fromString(content));
                    h.add(new Write(key, false, etag, true));
                } else if (op < 8) {
                    s3.deleteObject(b -> b.bucket("load").key(key));
                    h.add(new Write(key, true, null, true));
                } else if (h.stream().anyMatch(w -> w.acknowledged() && !w.delete())
                        && !h.get(h.size() - 1).delete() && h.get(h.size() - 1).acknowledged()) {
                    try {
                        s3.putObject(b -> b.bucket("load").key(key).ifNoneMatch("*"), RequestBody.fromString(content));
                        h.add(new Write(key, false, etag, true)); // it did not exist after all
                    } catch (S3Exception e) {
                        if (e.statusCode() == 412) {
                            refusedEtags.add(etag);
                        } else {
                            throw e;
                        }
                    }
                }
            } catch (RuntimeException e) {
                // cut by the kill (or refused while it happened): may or may not have committed
                h.add(new Write(key, op >= 6 && op < 8, op < 6 || op >= 8 ? etag : null, false));
                if (!stop.get()) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Keys whose required writes' events have not all arrived, in order. */
    private static List<String> missing(Map<String, List<Write>> history, Map<String, List<Received>> byKey) {
        List<String> out = new ArrayList<>();
        history.forEach((key, writes) -> {
            if (!isSubsequence(required(writes), byKey.getOrDefault(key, List.of()))) {
                out.add(key);
            }
        });
        return out;
    }

    /**
     * The writes that must have an event: every acknowledged PUT, and every acknowledged DELETE that surely
     * removed something (it follows an acknowledged PUT; a DELETE of an absent key changes nothing and has none).
     */
    private static List<Write> required(List<Write> writes) {
        List<Write> out = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            if (w.acknowledged() && (!w.delete() || i > 0 && writes.get(i - 1).acknowledged()
                    && !writes.get(i - 1).delete())) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Whether the acknowledged writes appear among the events in their order (a DELETE matches any removal).
     * Events of writes that were cut by a kill may come between.
     */
    private static boolean isSubsequence(List<Write> writes, List<Received> events) {
        int i = 0;
        for (Received e : events) {
            if (i == writes.size()) {
                break;
            }
            Write w = writes.get(i);
            boolean removal = e.event().startsWith("ObjectRemoved");
            if (w.delete() ? removal : !removal && w.etag().equals(e.etag())) {
                i++;
            }
        }
        return i == writes.size();
    }

    static final String METRICS_TOKEN = "it-notify-metrics";

    static String scrape(CrashServer server) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/-/metrics"))
                        .header("Authorization", "Bearer " + METRICS_TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
