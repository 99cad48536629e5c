package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cairn.gateway.http.GatewayServer;
import io.cairn.object.ErasureObjectService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Bucket policies, canned ACLs and the public access block on a real server: two ordinary users through
 * the AWS SDK, anonymous callers through plain HTTP.
 */
class AccessControlIT {

    static final String ROOT = "acl-root";
    static final String ROOT_SECRET = "acl-root-secret";
    static final String ALICE = "alice-key";
    static final String ALICE_SECRET = "alice-secret-1";
    static final String BOB = "bob-key";
    static final String BOB_SECRET = "bob-secret-12";
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    static Path dir;
    static ErasureObjectService objects;
    static GatewayServer server;
    static URI endpoint;
    static S3Client alice;
    static S3Client bob;
    static UsersStore store;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        store = new UsersStore("acl", ROOT, ROOT_SECRET,
                ALICE + " = " + ALICE_SECRET + "\n" + BOB + " = " + BOB_SECRET + "\n");
        dir = store.dir;
        objects = store.objects;
        server = store.server;
        endpoint = store.endpoint;
        alice = client(ALICE, ALICE_SECRET);
        bob = client(BOB, BOB_SECRET);
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

    /** An anonymous request: no Authorization header, no presigned query. */
    static HttpResponse<String> anonymous(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(URI.create(endpoint + path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertDenied(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>");
    }

    static void assertError(Runnable call, int status, String code) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    @Test
    void aPublicReadPolicyLetsAnonymousGetThroughButNotAListing() throws Exception {
        alice.createBucket(b -> b.bucket("pol-read"));
        alice.putObject(b -> b.bucket("pol-read").key("docs/a.txt"), RequestBody.fromString("public text"));
        assertDenied(anonymous("GET", "/pol-read/docs/a.txt", null));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::pol-read/*\"]}]}";
        alice.putBucketPolicy(b -> b.bucket("pol-read").policy(policy));
        assertThat(alice.getBucketPolicy(b -> b.bucket("pol-read")).policy()).isEqualTo(policy);
        assertThat(alice.getBucketPolicyStatus(b -> b.bucket("pol-read")).policyStatus().isPublic()).isTrue();

        HttpResponse<String> get = anonymous("GET", "/pol-read/docs/a.txt", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("public text");
        assertThat(anonymous("HEAD", "/pol-read/docs/a.txt", null).statusCode()).isEqualTo(200);
        assertDenied(anonymous("GET", "/pol-read?list-type=2", null));
        assertDenied(anonymous("PUT", "/pol-read/docs/b.txt", "planted"));
        assertDenied(anonymous("GET", "/", null));
        // Only the owner manages the policy, whatever it grants.
        assertError(() -> bob.getBucketPolicy(b -> b.bucket("pol-read")), 403, "AccessDenied");
        assertThat(bob.getObjectAsBytes(b -> b.bucket("pol-read").key("docs/a.txt")).asUtf8String())
                .isEqualTo("public text");

        alice.deleteBucketPolicy(b -> b.bucket("pol-read"));
        assertError(() -> alice.getBucketPolicy(b -> b.bucket("pol-read")), 404, "NoSuchBucketPolicy");
        assertDenied(anonymous("GET", "/pol-read/docs/a.txt", null));
    }

    @Test
    void aPolicyGrantsAnotherUserPutObjectAndADenyKeepsItOutOfAPrefix() {
        alice.createBucket(b -> b.bucket("pol-bob"));
        assertError(() -> bob.putObject(b -> b.bucket("pol-bob").key("in/x"), RequestBody.fromString("x")),
                403, "AccessDenied");
        alice.putBucketPolicy(b -> b.bucket("pol-bob").policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"BobWrites\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::000000000000:user/"
                + BOB + "\"]},\"Action\":[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::pol-bob/*\"},"
                + "{\"Sid\":\"NotPrivate\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + BOB + "\"},"
                + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::pol-bob/private/*\"}]}"));
        assertThat(alice.getBucketPolicyStatus(b -> b.bucket("pol-bob")).policyStatus().isPublic()).isFalse();

        bob.putObject(b -> b.bucket("pol-bob").key("in/x"), RequestBody.fromString("from bob"));
        assertThat(bob.getObjectAsBytes(b -> b.bucket("pol-bob").key("in/x")).asUtf8String()).isEqualTo("from bob");
        assertThat(alice.getObjectAsBytes(b -> b.bucket("pol-bob").key("in/x")).asUtf8String()).isEqualTo("from bob");
        assertError(() -> bob.putObject(b -> b.bucket("pol-bob").key("private/x"), RequestBody.fromString("x")),
                403, "AccessDenied");
        alice.putObject(b -> b.bucket("pol-bob").key("private/y"), RequestBody.fromString("alice's"));
        assertError(() -> bob.getObjectAsBytes(b -> b.bucket("pol-bob").key("private/y")), 403, "AccessDenied");
        assertError(() -> bob.listObjectsV2(b -> b.bucket("pol-bob")), 403, "AccessDenied");
        assertError(() -> bob.deleteObject(b -> b.bucket("pol-bob").key("in/x")), 403, "AccessDenied");
    }

    @Test
    void aPublicReadCannedAclOnAnObjectAllowsAnonymousGet() throws Exception {
        alice.createBucket(b -> b.bucket("acl-obj"));
        alice.putObject(b -> b.bucket("acl-obj").key("open").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("open data"));
        alice.putObject(b -> b.bucket("acl-obj").key("closed"), RequestBody.fromString("closed data"));
        HttpResponse<String> get = anonymous("GET", "/acl-obj/open", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("open data");
        assertDenied(anonymous("GET", "/acl-obj/closed", null));
        assertDenied(anonymous("GET", "/acl-obj", null));

        GetObjectAclResponse acl = alice.getObjectAcl(b -> b.bucket("acl-obj").key("open"));
        assertThat(acl.grants()).anySatisfy(g -> {
            assertThat(g.grantee().type()).isEqualTo(Type.GROUP);
            assertThat(g.grantee().uri()).isEqualTo(ALL_USERS);
            assertThat(g.permission()).isEqualTo(Permission.READ);
        });
        assertThat(acl.grants()).anySatisfy(g -> assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL));
        assertThat(alice.getObjectAcl(b -> b.bucket("acl-obj").key("closed")).grants()).singleElement()
                .satisfies(g -> assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL));

        alice.putObjectAcl(b -> b.bucket("acl-obj").key("open").acl(ObjectCannedACL.PRIVATE));
        assertDenied(anonymous("GET", "/acl-obj/open", null));
    }

    @Test
    void aPublicReadWriteBucketTakesAnonymousUploadsAndListings() throws Exception {
        alice.createBucket(b -> b.bucket("acl-drop").acl(BucketCannedACL.PUBLIC_READ_WRITE));
        assertThat(anonymous("PUT", "/acl-drop/dropped", "anonymous upload").statusCode()).isEqualTo(200);
        HttpResponse<String> list = anonymous("GET", "/acl-drop?list-type=2", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<Key>dropped</Key>");
        assertThat(alice.getObjectAsBytes(b -> b.bucket("acl-drop").key("dropped")).asUtf8String())
                .isEqualTo("anonymous upload");
        assertThat(alice.getBucketAcl(b -> b.bucket("acl-drop")).grants())
                .anySatisfy(g -> assertThat(g.permission()).isEqualTo(Permission.WRITE));
        // A form without a policy is an anonymous upload: allowed here, and its acl field is kept.
        HttpResponse<String> form = FormPost.send(endpoint + "/acl-drop", Map.of("key", "form.txt",
                "acl", "public-read"), "form.txt", "text/plain", "by form".getBytes(StandardCharsets.UTF_8));
        assertThat(form.statusCode()).as(form.body()).isBetween(200, 204);
        assertThat(anonymous("GET", "/acl-drop/form.txt", null).body()).isEqualTo("by form");
        HttpResponse<String> refused = FormPost.send(endpoint + "/acl-obj-none", Map.of("key", "x"), "x",
                "text/plain", new byte[1]);
        assertThat(refused.statusCode()).isEqualTo(404);
    }

    @Test
    void thePublicAccessBlockRefusesPublicAclsAndPublicPolicies() throws Exception {
        alice.createBucket(b -> b.bucket("pab"));
        alice.putObject(b -> b.bucket("pab").key("was-public").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("p"));
        assertError(() -> alice.getPublicAccessBlock(b -> b.bucket("pab")), 404,
                "NoSuchPublicAccessBlockConfiguration");
        alice.putPublicAccessBlock(b -> b.bucket("pab").publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
        assertThat(alice.getPublicAccessBlock(b -> b.bucket("pab")).publicAccessBlockConfiguration().blockPublicAcls())
                .isTrue();

        assertError(() -> alice.putObject(b -> b.bucket("pab").key("k").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")), 403, "AccessDenied");
        assertError(() -> alice.putBucketAcl(b -> b.bucket("pab").acl(BucketCannedACL.PUBLIC_READ)), 403,
                "AccessDenied");
        assertError(() -> alice.putBucketPolicy(b -> b.bucket("pab").policy("{\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pab/*\"}}")), 403,
                "AccessDenied");
        assertError(() -> alice.getBucketPolicy(b -> b.bucket("pab")), 404, "NoSuchBucketPolicy");
        assertDenied(anonymous("GET", "/pab/was-public", null)); // IgnorePublicAcls
        alice.putObject(b -> b.bucket("pab").key("k").acl(ObjectCannedACL.PRIVATE), RequestBody.fromString("x"));

        alice.deletePublicAccessBlock(b -> b.bucket("pab"));
        assertError(() -> alice.getPublicAccessBlock(b -> b.bucket("pab")), 404,
                "NoSuchPublicAccessBlockConfiguration");
        assertThat(anonymous("GET", "/pab/was-public", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedPolicyIsRefusedWithTheReason() {
        alice.createBucket(b -> b.bucket("pol-bad"));
        for (String bad : new String[] {"{not json",
                "{\"Statement\":{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::pol-bad/*\"}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::another-bucket/*\"}}",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::pol-bad/*\",\"Condition\":{\"StringSortOf\":{\"s3:prefix\":\"a\"}}}}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}) {
            Throwable t = catchThrowable(() -> alice.putBucketPolicy(b -> b.bucket("pol-bad").policy(bad)));
            assertThat(t).as(bad).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
                assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
            });
        }
        assertError(() -> alice.getBucketPolicy(b -> b.bucket("pol-bad")), 404, "NoSuchBucketPolicy");
    }
}
