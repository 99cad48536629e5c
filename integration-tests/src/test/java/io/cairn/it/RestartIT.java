package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class RestartIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void acknowledgedObjectsSurviveARestartAndTheLossOfADrive() throws Exception {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("durable"));
        byte[] data = new byte[LocalCluster.STRIPE_SIZE * 3 + 5];
        new Random(5).nextBytes(data);
        s3.putObject(b -> b.bucket("durable").key("a/b"), RequestBody.fromBytes(data));
        s3.putObject(b -> b.bucket("durable").key("small"), RequestBody.fromString("tiny"));

        cluster.restart();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("a/b")).asByteArray()).isEqualTo(data);

        cluster.deleteDrive(3);
        cluster.restart();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("a/b")).asByteArray()).isEqualTo(data);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("small")).asUtf8String()).isEqualTo("tiny");
        assertThat(s3.listObjectsV2(b -> b.bucket("durable")).keyCount()).isEqualTo(2);
    }
}
