package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

class AclAndOwnershipIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);

    @Test
    void aclsShowTheBucketOwnerWithFullControl() throws Exception {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("acls"));
        s3.putObject(b -> b.bucket("acls").key("k"), RequestBody.fromString("x"));
        String ownerId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(LocalCluster.ACCESS_KEY.getBytes(StandardCharsets.UTF_8)));

        GetBucketAclResponse bucketAcl = s3.getBucketAcl(b -> b.bucket("acls"));
        assertThat(bucketAcl.owner().id()).isEqualTo(ownerId);
        assertThat(bucketAcl.owner().displayName()).isEqualTo(LocalCluster.ACCESS_KEY);
        assertThat(bucketAcl.grants()).singleElement().satisfies(g -> {
            assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
            assertThat(g.grantee().type()).isEqualTo(Type.CANONICAL_USER);
            assertThat(g.grantee().id()).isEqualTo(ownerId);
        });
        GetObjectAclResponse objectAcl = s3.getObjectAcl(b -> b.bucket("acls").key("k"));
        assertThat(objectAcl.owner().id()).isEqualTo(ownerId);
        assertThat(objectAcl.grants()).singleElement()
                .satisfies(g -> assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL));
        assertThatThrownBy(() -> s3.getObjectAcl(b -> b.bucket("acls").key("absent")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void cannedAclsAreKeptAndUnknownOnesRefused() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket("setacl"));
        s3.putObject(b -> b.bucket("setacl").key("k"), RequestBody.fromString("x"));
        s3.putBucketAcl(b -> b.bucket("setacl").acl(BucketCannedACL.PRIVATE));
        s3.putObjectAcl(b -> b.bucket("setacl").key("k").acl(ObjectCannedACL.PRIVATE));
        // The equivalent explicit policy, as a client that read the ACL writes it back.
        GetBucketAclResponse current = s3.getBucketAcl(b -> b.bucket("setacl"));
        s3.putBucketAcl(b -> b.bucket("setacl").accessControlPolicy(p -> p.owner(current.owner())
                .grants(current.grants())));

        // A public canned ACL is kept and shown, no longer refused as not implemented.
        s3.putBucketAcl(b -> b.bucket("setacl").acl(BucketCannedACL.PUBLIC_READ));
        assertThat(s3.getBucketAcl(b -> b.bucket("setacl")).grants()).hasSize(2)
                .anySatisfy(g -> assertThat(g.grantee().uri()).isEqualTo("http://acs.amazonaws.com/groups/global/AllUsers"));
        assertThatThrownBy(() -> s3.putObjectAcl(b -> b.bucket("setacl").key("k").acl("public-ready")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
    }

    @Test
    void anotherUsersBucketNameIsTaken() {
        cluster.s3().createBucket(b -> b.bucket("taken"));
        assertThatThrownBy(() -> cluster.s3Alt().createBucket(b -> b.bucket("taken")))
                .isInstanceOfSatisfying(BucketAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists");
                });
        assertThat(cluster.s3Alt().listBuckets().buckets()).extracting(Bucket::name).doesNotContain("taken");
    }

    @Test
    void listBucketsPagesThroughTheCallersBuckets() {
        S3Client alt = cluster.s3Alt();
        for (String name : new String[] {"page-c", "page-a", "page-b"}) {
            alt.createBucket(b -> b.bucket(name));
        }
        ListBucketsResponse first = alt.listBuckets(b -> b.maxBuckets(2).prefix("page-"));
        assertThat(first.buckets()).extracting(Bucket::name).containsExactly("page-a", "page-b");
        assertThat(first.continuationToken()).isNotNull();
        ListBucketsResponse second = alt.listBuckets(b -> b.maxBuckets(2).prefix("page-")
                .continuationToken(first.continuationToken()));
        assertThat(second.buckets()).extracting(Bucket::name).containsExactly("page-c");
        assertThat(second.continuationToken()).isNull();
        assertThat(cluster.s3().listBuckets().buckets()).extracting(Bucket::name).doesNotContain("page-a");
    }
}
