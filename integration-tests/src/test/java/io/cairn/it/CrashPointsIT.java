package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * For each named crash point on the commit paths ({@code CAIRN_CRASH_AT}, see the object layer's CrashPoints):
 * a real server runs one fixed script (PUT, overwrite, DELETE, a multipart upload completed, one aborted, then a
 * heal of a damaged object) and halts itself at the point; restarted without it, every key must read back as
 * the acknowledged requests left it, and the request cut by the halt must be wholly there or wholly absent.
 */
class CrashPointsIT {

    private static final String BUCKET = "points";
    private static final int PART = 5 * 1024 * 1024;

    /**
     * {@code commit.manifest:N} counts drives taking an object's manifest, 4 per commit of the script: PUT 1-4,
     * overwrite 5-8, DELETE 9-12, the completed upload 13-16, the object healed later 17-20.
     * {@code upload.manifest:N} those taking an upload's: the completed one created 1-4, its parts 5-12, removed
     * 13-16; the aborted one created 17-20, its parts 21-28, removed 29-32.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "put.after-shards:1",
        "commit.manifest:2",
        "commit.manifest:7",
        "put.after-commit:2",
        "commit.manifest:10",
        "delete.after-commit:1",
        "multipart.after-move:1",
        "commit.manifest:14",
        "multipart.after-commit:1",
        "upload.manifest:14",
        "upload.manifest:30",
        "multipart.abort.after-manifest:1",
        "heal.after-shards:1",
        "heal.manifest:1"
    })
    void whatWasAcknowledgedSurvivesAndWhatWasCutIsWhole(String point) throws Exception {
        CrashServer server = new CrashServer(List.of("--heal-interval", "0"), Map.of());
        boolean passed = false;
        Map<String, KeyModel> keys = new LinkedHashMap<>();
        for (String k : List.of("p/a", "p/m", "p/x", "p/h")) {
            keys.put(k, new KeyModel(k));
        }
        try {
            server.start(Map.of("CAIRN_CRASH_AT", point));
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket(BUCKET));
                runScript(s3, keys, server);
            } catch (Cut expected) {
                // the request in flight is in its key's model as uncertain
            }
            assertThat(server.awaitExit(Duration.ofSeconds(60))).as("the server halted at " + point).isTrue();
            assertThat(server.readLog()).contains("crash point " + point + " reached");
            server.start();
            try (S3Client s3 = server.client()) {
                verify(s3, keys, point);
                // and the store goes on: every key can be written and read again
                for (KeyModel key : keys.values()) {
                    s3.putObject(b -> b.bucket(BUCKET).key(key.key), RequestBody.fromString("after " + point));
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key.key)).asUtf8String())
                            .isEqualTo("after " + point);
                }
            }
            passed = true;
        } finally {
            server.close(!passed);
        }
    }

    /** Thrown when a request fails: the server halted, the script ends there. */
    private static final class Cut extends RuntimeException {
        Cut(Throwable cause) {
            super(cause);
        }
    }

    private static void runScript(S3Client s3, Map<String, KeyModel> keys, CrashServer server) {
        KeyModel a = keys.get("p/a");
        put(s3, a, 300_000, 1);
        put(s3, a, 200_000, 2);
        change(a, KeyModel.State.ABSENT, "DELETE", () -> s3.deleteObject(b -> b.bucket(BUCKET).key(a.key)));
        multipart(s3, keys.get("p/m"), PART + 100_000, 3, false);
        multipart(s3, keys.get("p/x"), PART + 10, 4, true);
        KeyModel h = keys.get("p/h");
        put(s3, h, 300_000, 5);
        damage(server.dataDir(), h.key);
        // the read goes around the damage and queues a heal, which the heal points stop
        try {
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(h.key));
        } catch (RuntimeException e) {
            throw new Cut(e);
        }
    }

    private static void put(S3Client s3, KeyModel key, int size, long seed) {
        byte[] data = CampaignClient.content(seed, size);
        KeyModel.State after = new KeyModel.State(size, CampaignClient.sha256(data), null);
        change(key, after, "PUT " + after,
                () -> s3.putObject(b -> b.bucket(BUCKET).key(key.key), RequestBody.fromBytes(data)));
    }

    /** Create, two parts, then complete, or abort when {@code abort}: the key is unchanged by the latter. */
    private static void multipart(S3Client s3, KeyModel key, int size, long seed, boolean abort) {
        byte[] data = CampaignClient.content(seed, size);
        KeyModel.State after = new KeyModel.State(size, CampaignClient.sha256(data), null);
        String id;
        List<CompletedPart> parts = new ArrayList<>();
        try {
            id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key.key)).uploadId();
            for (int n = 1; n <= 2; n++) {
                byte[] body = java.util.Arrays.copyOfRange(data, (n - 1) * PART, Math.min(size, n * PART));
                int number = n;
                String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key.key).uploadId(id).partNumber(number),
                        RequestBody.fromBytes(body)).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
        } catch (RuntimeException e) {
            key.note("multipart upload -> " + e + " before completion (no change)");
            throw new Cut(e);
        }
        if (abort) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key.key).uploadId(id));
                key.note("multipart upload aborted (no change)");
            } catch (RuntimeException e) {
                key.note("abort -> " + e + " (no change either way)");
                throw new Cut(e);
            }
            return;
        }
        change(key, after, "MULTIPART " + after, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key.key)
                .uploadId(id).multipartUpload(m -> m.parts(parts))));
    }

    private static void change(KeyModel key, KeyModel.State after, String what, Runnable request) {
        try {
            request.run();
            key.acknowledged(after, what + " -> ok");
        } catch (RuntimeException e) {
            key.uncertain(after, what + " -> cut: " + e);
            throw new Cut(e);
        }
    }

    /** One drive loses the object's data directory, another its manifest: a read sees both, heal repairs both. */
    private static void damage(Path data, String key) {
        try {
            Path onFirst = data.resolve("d1").resolve(BUCKET).resolve(key);
            try (Stream<Path> dirs = Files.list(onFirst)) {
                for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith(".data.")).toList()) {
                    deleteTree(d);
                }
            }
            Files.delete(data.resolve("d2").resolve(BUCKET).resolve(key).resolve(".manifest"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void verify(S3Client s3, Map<String, KeyModel> keys, String point) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> present = new TreeSet<>();
        for (KeyModel key : keys.values()) {
            KeyModel.State got;
            try {
                byte[] data = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key.key)).asByteArray();
                got = new KeyModel.State(data.length, CampaignClient.sha256(data), null);
                present.add(key.key);
            } catch (NoSuchKeyException e) {
                got = KeyModel.State.ABSENT;
            } catch (RuntimeException e) {
                problems.add(key.key + ": unreadable after the restart: " + e + "\n" + key.history());
                continue;
            }
            KeyModel.Violation v = key.judge(got);
            if (v != null) {
                problems.add(key.key + ": " + v.description + " (found " + got + ", allowed " + key.allowed()
                        + ")\n" + key.history());
            }
        }
        TreeSet<String> listed = new TreeSet<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            listed.add(o.key());
        }
        if (!listed.equals(present)) {
            problems.add("listing " + listed + " differs from the keys read " + present);
        }
        if (!problems.isEmpty()) {
            fail("after a halt at " + point + ":\n" + String.join("\n", problems));
        }
    }
}
