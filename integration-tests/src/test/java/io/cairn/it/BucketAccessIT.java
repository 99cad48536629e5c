package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.gateway.http.GatewayServer;
import io.cairn.object.ErasureObjectService;
import io.cairn.presign.PostForm;
import io.cairn.presign.PostPolicySigner;
import io.cairn.presign.PresignRequest;
import io.cairn.presign.Presigner;
import io.cairn.presign.SigningCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Users act only on the buckets they created; the root user acts on all of them. A store on 127.0.0.1 with
 * a root user and two ordinary users from a users file, used through the AWS SDK, presigned URLs, form
 * uploads and the URN endpoints.
 */
class BucketAccessIT {

    static final String ROOT = "bucket-root";
    static final String ROOT_SECRET = "bucket-root-secret";
    static final String ALICE = "alice-key";
    static final String ALICE_SECRET = "alice-secret-1";
    static final String BOB = "bob-key";
    static final String BOB_SECRET = "bob-secret-12";

    static Path dir;
    static ErasureObjectService objects;
    static GatewayServer server;
    static URI endpoint;
    static UsersStore store;

    @BeforeAll
    static void start() throws Exception {
        store = new UsersStore("access", ROOT, ROOT_SECRET,
                ALICE + " = " + ALICE_SECRET + ", Alice\n" + BOB + " = " + BOB_SECRET + "\n");
        dir = store.dir;
        objects = store.objects;
        server = store.server;
        endpoint = store.endpoint;
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    static S3Client client(String accessKey, String secretKey) {
        return store.client(accessKey, secretKey);
    }

    /** A bucket of {@code owner} holding object "k" (tagged), with bucket tags and an upload in progress. */
    record Victim(String bucket, String uploadId, String partEtag) {
    }

    static Victim victim(S3Client owner, String bucket) {
        owner.createBucket(b -> b.bucket(bucket));
        owner.putObject(b -> b.bucket(bucket).key("k").tagging("t=1"), RequestBody.fromString("owner data"));
        owner.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("b").value("2")
                .build())));
        String uploadId = owner.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
        String etag = owner.uploadPart(b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part one")).eTag();
        return new Victim(bucket, uploadId, etag);
    }

    /** What the bucket holds, as its owner sees it: compared before and after the intruder's attempts. */
    static List<String> contents(S3Client owner, String bucket) {
        List<String> out = new ArrayList<>();
        owner.listObjectVersions(b -> b.bucket(bucket)).versions()
                .forEach(v -> out.add("version " + v.key() + " " + v.versionId() + " " + v.eTag()));
        out.add("k " + owner.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        out.add("k tags " + owner.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet());
        out.add("bucket tags " + owner.getBucketTagging(b -> b.bucket(bucket)).tagSet());
        out.add("versioning " + owner.getBucketVersioning(b -> b.bucket(bucket)).status());
        out.add("cors " + errorCode(() -> owner.getBucketCors(b -> b.bucket(bucket))));
        out.add("encryption " + errorCode(() -> owner.getBucketEncryption(b -> b.bucket(bucket))));
        owner.listMultipartUploads(b -> b.bucket(bucket)).uploads()
                .forEach(u -> out.add("upload " + u.key() + " " + u.uploadId()));
        return out;
    }

    static String errorCode(Runnable r) {
        Throwable t = catchThrowable(r::run);
        return t instanceof S3Exception e ? e.awsErrorDetails().errorCode() : String.valueOf(t);
    }

    /** Every bucket- and object-scoped operation, as {@code intruder} tries it on {@code v}'s bucket. */
    static Map<String, ThrowingConsumer<S3Client>> attempts(Victim v, String intrudersBucket) {
        String b = v.bucket();
        Map<String, ThrowingConsumer<S3Client>> ops = new LinkedHashMap<>();
        ops.put("GetObject", s3 -> s3.getObjectAsBytes(r -> r.bucket(b).key("k")));
        ops.put("PutObject", s3 -> s3.putObject(r -> r.bucket(b).key("new"), RequestBody.fromString("x")));
        ops.put("PutObject over", s3 -> s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("x")));
        ops.put("DeleteObject", s3 -> s3.deleteObject(r -> r.bucket(b).key("k")));
        ops.put("CopyObject within", s3 -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("k")
                .destinationBucket(b).destinationKey("copy")));
        ops.put("CopyObject out of", s3 -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("k")
                .destinationBucket(intrudersBucket).destinationKey("stolen")));
        ops.put("CopyObject into", s3 -> s3.copyObject(r -> r.sourceBucket(intrudersBucket).sourceKey("mine")
                .destinationBucket(b).destinationKey("planted")));
        ops.put("GetObjectTagging", s3 -> s3.getObjectTagging(r -> r.bucket(b).key("k")));
        ops.put("PutObjectTagging", s3 -> s3.putObjectTagging(r -> r.bucket(b).key("k")
                .tagging(t -> t.tagSet(Tag.builder().key("t").value("changed").build()))));
        ops.put("DeleteObjectTagging", s3 -> s3.deleteObjectTagging(r -> r.bucket(b).key("k")));
        ops.put("GetObjectAcl", s3 -> s3.getObjectAcl(r -> r.bucket(b).key("k")));
        ops.put("PutObjectAcl", s3 -> s3.putObjectAcl(r -> r.bucket(b).key("k").acl(ObjectCannedACL.PRIVATE)));
        ops.put("GetObjectAttributes", s3 -> s3.getObjectAttributes(r -> r.bucket(b).key("k")
                .objectAttributes(ObjectAttributes.E_TAG)));
        ops.put("CreateMultipartUpload", s3 -> s3.createMultipartUpload(r -> r.bucket(b).key("big2")));
        ops.put("UploadPart", s3 -> s3.uploadPart(r -> r.bucket(b).key("big").uploadId(v.uploadId())
                .partNumber(2), RequestBody.fromString("intruder part")));
        ops.put("UploadPartCopy out of", s3 -> {
            String own = s3.createMultipartUpload(r -> r.bucket(intrudersBucket).key("up")).uploadId();
            try {
                s3.uploadPartCopy(r -> r.sourceBucket(b).sourceKey("k").destinationBucket(intrudersBucket)
                        .destinationKey("up").uploadId(own).partNumber(1));
            } finally {
                s3.abortMultipartUpload(r -> r.bucket(intrudersBucket).key("up").uploadId(own));
            }
        });
        ops.put("CompleteMultipartUpload", s3 -> s3.completeMultipartUpload(r -> r.bucket(b).key("big")
                .uploadId(v.uploadId()).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1)
                        .eTag(v.partEtag()).build()))));
        ops.put("AbortMultipartUpload", s3 -> s3.abortMultipartUpload(r -> r.bucket(b).key("big")
                .uploadId(v.uploadId())));
        ops.put("ListParts", s3 -> s3.listParts(r -> r.bucket(b).key("big").uploadId(v.uploadId())));
        ops.put("ListMultipartUploads", s3 -> s3.listMultipartUploads(r -> r.bucket(b)));
        ops.put("ListObjects", s3 -> s3.listObjects(r -> r.bucket(b)));
        ops.put("ListObjectsV2", s3 -> s3.listObjectsV2(r -> r.bucket(b)));
        ops.put("ListObjectVersions", s3 -> s3.listObjectVersions(r -> r.bucket(b)));
        ops.put("GetBucketLocation", s3 -> s3.getBucketLocation(r -> r.bucket(b)));
        ops.put("GetBucketVersioning", s3 -> s3.getBucketVersioning(r -> r.bucket(b)));
        ops.put("PutBucketVersioning", s3 -> s3.putBucketVersioning(r -> r.bucket(b)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED))));
        ops.put("GetBucketTagging", s3 -> s3.getBucketTagging(r -> r.bucket(b)));
        ops.put("PutBucketTagging", s3 -> s3.putBucketTagging(r -> r.bucket(b)
                .tagging(t -> t.tagSet(Tag.builder().key("b").value("changed").build()))));
        ops.put("DeleteBucketTagging", s3 -> s3.deleteBucketTagging(r -> r.bucket(b)));
        ops.put("GetBucketCors", s3 -> s3.getBucketCors(r -> r.bucket(b)));
        ops.put("PutBucketCors", s3 -> s3.putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
                rule -> rule.allowedMethods("GET").allowedOrigins("*")))));
        ops.put("DeleteBucketCors", s3 -> s3.deleteBucketCors(r -> r.bucket(b)));
        ops.put("GetBucketEncryption", s3 -> s3.getBucketEncryption(r -> r.bucket(b)));
        ops.put("PutBucketEncryption", s3 -> s3.putBucketEncryption(r -> r.bucket(b)
                .serverSideEncryptionConfiguration(c -> c.rules(rule -> rule.applyServerSideEncryptionByDefault(
                        d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
        ops.put("DeleteBucketEncryption", s3 -> s3.deleteBucketEncryption(r -> r.bucket(b)));
        ops.put("GetBucketAcl", s3 -> s3.getBucketAcl(r -> r.bucket(b)));
        ops.put("PutBucketAcl", s3 -> s3.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PRIVATE)));
        ops.put("DeleteBucket", s3 -> s3.deleteBucket(r -> r.bucket(b)));
        return ops;
    }

    /** Each attempt fails with 403 AccessDenied (HEAD: 403 without a body); the bucket is as it was. */
    static void assertLockedOut(S3Client owner, Victim v, S3Client intruder, String intrudersBucket) {
        intruder.putObject(r -> r.bucket(intrudersBucket).key("mine"), RequestBody.fromString("intruder's own"));
        List<String> before = contents(owner, v.bucket());
        attempts(v, intrudersBucket).forEach((name, op) -> {
            Throwable t = catchThrowable(() -> op.accept(intruder));
            assertThat(t).as(name).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).as(name).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).as(name).isEqualTo("AccessDenied");
            });
        });
        // DeleteObjects is authorised key by key, as in AWS: each key is an AccessDenied error in a 200 answer.
        DeleteObjectsResponse deleted = intruder.deleteObjects(r -> r.bucket(v.bucket()).delete(d -> d.objects(
                ObjectIdentifier.builder().key("k").build())));
        assertThat(deleted.deleted()).isEmpty();
        assertThat(deleted.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("k");
            assertThat(e.code()).isEqualTo("AccessDenied");
        });
        for (String name : new String[] {"HeadBucket", "HeadObject"}) {
            Throwable t = catchThrowable(() -> {
                if (name.equals("HeadBucket")) {
                    intruder.headBucket(r -> r.bucket(v.bucket()));
                } else {
                    intruder.headObject(r -> r.bucket(v.bucket()).key("k"));
                }
            });
            assertThat(t).as(name).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(contents(owner, v.bucket())).isEqualTo(before);
        assertThat(before).contains("k owner data", "k tags [Tag(Key=t, Value=1)]",
                "bucket tags [Tag(Key=b, Value=2)]", "versioning null", "cors NoSuchCORSConfiguration",
                "encryption ServerSideEncryptionConfigurationNotFoundError", "upload big " + v.uploadId());
        assertThat(owner.listObjectVersions(r -> r.bucket(v.bucket())).versions()).extracting(o -> o.key())
                .containsExactly("k");
        assertThat(owner.listMultipartUploads(r -> r.bucket(v.bucket())).uploads()).extracting(u -> u.key())
                .containsExactly("big");
        assertThat(owner.listParts(r -> r.bucket(v.bucket()).key("big").uploadId(v.uploadId())).parts())
                .singleElement().satisfies(p -> assertThat(p.eTag()).isEqualTo(v.partEtag()));
        assertThat(intruder.listObjectsV2(r -> r.bucket(intrudersBucket)).contents())
                .extracting(o -> o.key()).containsExactly("mine");
    }

    @Test
    void anotherUserIsLockedOutOfTheRootUsersBucket() {
        bobIsLockedOutOf(client(ROOT, ROOT_SECRET), "root-bucket", "bob-own-1");
    }

    @Test
    void anotherUserIsLockedOutOfAnOrdinaryUsersBucket() {
        bobIsLockedOutOf(client(ALICE, ALICE_SECRET), "alice-bucket", "bob-own-2");
    }

    /** Bob, with a bucket of his own, tries every operation family on {@code owner}'s bucket. */
    private void bobIsLockedOutOf(S3Client owner, String bucket, String bobsBucket) {
        S3Client bob = client(BOB, BOB_SECRET);
        Victim v = victim(owner, bucket);
        bob.createBucket(r -> r.bucket(bobsBucket));
        assertLockedOut(owner, v, bob, bobsBucket);
    }

    @Test
    void theRootUserActsOnAnOrdinaryUsersBucket() {
        S3Client alice = client(ALICE, ALICE_SECRET);
        S3Client root = client(ROOT, ROOT_SECRET);
        Victim v = victim(alice, "alice-shared");
        root.headBucket(r -> r.bucket(v.bucket()));
        assertThat(root.getObjectAsBytes(r -> r.bucket(v.bucket()).key("k")).asUtf8String()).isEqualTo("owner data");
        assertThat(root.listObjectsV2(r -> r.bucket(v.bucket())).contents()).extracting(o -> o.key())
                .containsExactly("k");
        root.putObject(r -> r.bucket(v.bucket()).key("from-root"), RequestBody.fromString("root wrote"));
        root.createBucket(r -> r.bucket("root-copies"));
        root.copyObject(r -> r.sourceBucket(v.bucket()).sourceKey("k").destinationBucket("root-copies")
                .destinationKey("k"));
        assertThat(root.getObjectAsBytes(r -> r.bucket("root-copies").key("k")).asUtf8String()).isEqualTo("owner data");
        assertThat(root.listParts(r -> r.bucket(v.bucket()).key("big").uploadId(v.uploadId())).parts()).hasSize(1);
        // The owner sees what root wrote, and the bucket still names its creator as owner.
        assertThat(alice.getObjectAsBytes(r -> r.bucket(v.bucket()).key("from-root")).asUtf8String())
                .isEqualTo("root wrote");
        assertThat(root.getBucketAcl(r -> r.bucket(v.bucket())).owner().displayName()).isEqualTo(ALICE);
    }

    @Test
    void eachUserWorksInItsOwnBucket() {
        S3Client bob = client(BOB, BOB_SECRET);
        Victim v = victim(bob, "bob-works");
        bob.completeMultipartUpload(r -> r.bucket(v.bucket()).key("big").uploadId(v.uploadId())
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(v.partEtag()).build())));
        bob.copyObject(r -> r.sourceBucket(v.bucket()).sourceKey("k").destinationBucket(v.bucket())
                .destinationKey("copy"));
        bob.putBucketVersioning(r -> r.bucket(v.bucket())
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        assertThat(bob.listObjectsV2(r -> r.bucket(v.bucket())).contents()).extracting(o -> o.key())
                .containsExactly("big", "copy", "k");
        assertThat(bob.getObjectAsBytes(r -> r.bucket(v.bucket()).key("big")).asUtf8String()).isEqualTo("part one");
        bob.headBucket(r -> r.bucket(v.bucket()));
        assertThat(bob.getBucketVersioning(r -> r.bucket(v.bucket())).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void aMissingBucketIsStillNoSuchBucket() {
        S3Client bob = client(BOB, BOB_SECRET);
        assertThat(catchThrowable(() -> bob.getObjectAsBytes(r -> r.bucket("nobody-has-this").key("k"))))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void presignedUrlsActAsTheirSigner() throws Exception {
        S3Client root = client(ROOT, ROOT_SECRET);
        root.createBucket(r -> r.bucket("presign-root"));
        root.putObject(r -> r.bucket("presign-root").key("k"), RequestBody.fromString("secret"));
        try (S3Presigner bob = presigner(BOB, BOB_SECRET); S3Presigner rootSigner = presigner(ROOT, ROOT_SECRET)) {
            URI get = bob.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("presign-root").key("k"))).url().toURI();
            URI put = bob.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("presign-root").key("planted"))).url().toURI();
            HttpResponse<String> g = FormPost.HTTP.send(HttpRequest.newBuilder(get).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(g.statusCode()).isEqualTo(403);
            assertThat(g.body()).contains("<Code>AccessDenied</Code>").doesNotContain("secret");
            HttpResponse<String> p = FormPost.HTTP.send(HttpRequest.newBuilder(put)
                    .PUT(HttpRequest.BodyPublishers.ofString("planted")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(p.statusCode()).isEqualTo(403);
            assertThat(p.body()).contains("<Code>AccessDenied</Code>");
            URI own = rootSigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("presign-root").key("k"))).url().toURI();
            assertThat(FormPost.HTTP.send(HttpRequest.newBuilder(own).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).isEqualTo("secret");
        }
        assertThat(root.listObjectsV2(r -> r.bucket("presign-root")).contents()).extracting(o -> o.key())
                .containsExactly("k");
    }

    static S3Presigner presigner(String accessKey, String secretKey) {
        return S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @Test
    void formUploadsActAsThePolicysSigner() throws Exception {
        S3Client alice = client(ALICE, ALICE_SECRET);
        alice.createBucket(r -> r.bucket("form-alice"));
        byte[] file = "form file".getBytes(StandardCharsets.UTF_8);
        PostForm bobs = PostPolicySigner.sign(endpoint, "form-alice", Map.of("key", "from-bob"), List.of(),
                Duration.ofMinutes(5), new SigningCredentials(BOB, BOB_SECRET), "us-east-1", Instant.now());
        HttpResponse<String> r = FormPost.send(bobs.url(), bobs.fields(), "f.txt", "text/plain", file);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>");
        PostForm roots = PostPolicySigner.sign(endpoint, "form-alice", Map.of("key", "from-root"), List.of(),
                Duration.ofMinutes(5), new SigningCredentials(ROOT, ROOT_SECRET), "us-east-1", Instant.now());
        assertThat(FormPost.send(roots.url(), roots.fields(), "f.txt", "text/plain", file).statusCode())
                .isEqualTo(204);
        PostForm own = PostPolicySigner.sign(endpoint, "form-alice", Map.of("key", "from-alice"), List.of(),
                Duration.ofMinutes(5), new SigningCredentials(ALICE, ALICE_SECRET), "us-east-1", Instant.now());
        assertThat(FormPost.send(own.url(), own.fields(), "f.txt", "text/plain", file).statusCode()).isEqualTo(204);
        assertThat(alice.listObjectsV2(b -> b.bucket("form-alice")).contents()).extracting(o -> o.key())
                .containsExactly("from-alice", "from-root");
    }

    @Test
    void urnEndpointsActAsTheirSigner() throws Exception {
        S3Client alice = client(ALICE, ALICE_SECRET);
        alice.createBucket(r -> r.bucket("urn-alice"));
        SigningCredentials bob = new SigningCredentials(BOB, BOB_SECRET);
        SigningCredentials own = new SigningCredentials(ALICE, ALICE_SECRET);
        Map<String, String> mint = Map.of("namespace", "urn-alice", "kind", "doc", "id", "d1");
        HttpResponse<String> denied = signed(bob, "POST", "/-/urn/mint", mint);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>AccessDenied</Code>");
        HttpResponse<String> minted = signed(own, "POST", "/-/urn/mint", mint);
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        String urn = new ObjectMapper().readTree(minted.body()).get("urn").asText();
        assertThat(signed(own, "GET", "/-/urn/status", Map.of("urn", urn)).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/-/urn/status", "/-/urn/await"}) {
            HttpResponse<String> r = signed(bob, "GET", path, Map.of("urn", urn, "timeout", "0"));
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).contains("<Code>AccessDenied</Code>");
        }
        assertThat(signed(new SigningCredentials(ROOT, ROOT_SECRET), "GET", "/-/urn/status", Map.of("urn", urn))
                .statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> signed(SigningCredentials who, String method, String path, Map<String, String> params)
            throws Exception {
        URI url = Presigner.presign(new PresignRequest(method, endpoint, path, params, Map.of(), Duration.ofMinutes(5),
                "us-east-1", Instant.now()), who);
        return FormPost.HTTP.send(HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
