package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code cairn admin heal} and {@code cairn admin status}, run as separate processes against a store. */
class AdminHealIT {

    @Test
    void healRebuildsAWipedDriveAndStatusReportsWhatItFound() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("heal"));
            List<byte[]> data = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] d = new byte[20_000 * (i + 1)];
                new Random(i).nextBytes(d);
                data.add(d);
                int n = i;
                s3.putObject(b -> b.bucket("heal").key("k" + n), RequestBody.fromBytes(d));
            }
            // everything drive 1 held of the bucket is lost (its volume directory included)
            deleteTree(store.drive(1).resolve("heal"));

            CairnCli.Result heal = cairn(store, "admin", "heal", "--bucket", "heal", "--rate", "0");
            assertThat(heal.exit()).as(heal.output()).isZero();
            assertThat(heal.output()).contains("10 objects scanned, 10 repaired, 0 failed, 10 shards rebuilt");

            CairnCli.Result status = cairn(store, "admin", "status");
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).contains("drives: 4 online, 0 offline",
                    "10 scanned, 10 were below full redundancy, 0 of them still are");

            // the rebuilt drive carries real shards: lose two other drives and read everything back
            store.unplug(2);
            store.unplug(3);
            for (int i = 0; i < 10; i++) {
                int n = i;
                assertThat(s3.getObjectAsBytes(b -> b.bucket("heal").key("k" + n)).asByteArray())
                        .isEqualTo(data.get(i));
            }
            store.plugBack(2);
            store.plugBack(3);
        }
    }

    @Test
    void twoEmptiedDrivesAreReplacedWhileRunningAndRefilled() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            S3Client s3 = store.s3();
            s3.createBucket(b -> b.bucket("swap"));
            s3.putBucketVersioning(b -> b.bucket("swap").versioningConfiguration(v -> v.status("Enabled")));
            List<byte[]> data = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // inline (manifest only) and erasure-coded objects alike
                byte[] d = new byte[i % 3 == 0 ? 3_000 : 70_000 * i];
                new Random(100 + i).nextBytes(d);
                data.add(d);
                int n = i;
                s3.putObject(b -> b.bucket("swap").key("dir/k" + n), RequestBody.fromBytes(d));
            }
            // two disks die and empty ones take their place while the server runs
            for (int i : new int[] {1, 2}) {
                deleteTree(store.drive(i));
                Files.createDirectories(store.drive(i));
            }
            CairnCli.Result degraded = cairn(store, "admin", "status");
            assertThat(degraded.exit()).as(degraded.output()).isEqualTo(2);
            assertThat(degraded.output()).contains("drives: 2 online, 2 offline", "missing its system area");
            assertThat(Files.list(store.drive(1)).count()).as("an empty drive is not formatted on its own").isZero();

            CairnCli.Result refused = cairn(store, "admin", "drive", "replace", "--drive", "3");
            assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("HTTP 409", "is online, nothing to replace");

            for (int i : new int[] {1, 2}) {
                CairnCli.Result replaced = cairn(store, "admin", "drive", "replace", "--drive", Integer.toString(i),
                        "--rate", "0");
                assertThat(replaced.exit()).as(replaced.output()).isZero();
                assertThat(replaced.output()).contains("drive " + i + " formatted", "12 objects scanned, 12 repaired",
                        "0 failed");
            }
            CairnCli.Result healthy = cairn(store, "admin", "status");
            assertThat(healthy.exit()).as(healthy.output()).isZero();
            assertThat(healthy.output()).contains("drives: 4 online, 0 offline");

            // the two new drives alone hold everything: the bucket, its versioning, every object
            store.unplug(3);
            store.unplug(4);
            assertThat(s3.getBucketVersioning(b -> b.bucket("swap")).statusAsString()).isEqualTo("Enabled");
            for (int i = 0; i < 12; i++) {
                int n = i;
                assertThat(s3.getObjectAsBytes(b -> b.bucket("swap").key("dir/k" + n)).asByteArray())
                        .as("dir/k%d", n).isEqualTo(data.get(i));
            }
            store.plugBack(3);
            store.plugBack(4);
        }
    }

    @Test
    void adminEndpointsRefuseOtherCredentials() throws Exception {
        try (OpsStore store = new OpsStore(2, 2)) {
            CairnCli.Result heal = cairnAs(store, "someone", "not-the-root-secret", "admin", "heal");
            assertThat(heal.exit()).isEqualTo(1);
            assertThat(heal.output()).contains("HTTP 403");
        }
    }

    private static CairnCli.Result cairn(OpsStore store, String... args) throws Exception {
        return CairnCli.run(store.endpoint(), LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY, args);
    }

    private static CairnCli.Result cairnAs(OpsStore store, String user, String secret, String... args)
            throws Exception {
        return CairnCli.run(store.endpoint(), user, secret, args);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
