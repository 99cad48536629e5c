package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.cors.CorsOperations;
import io.cairn.gateway.crypto.MasterKey;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.cairn.object.ObjectService;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may act on a bucket, through the S3 API over the in-memory object service. */
class BucketAccessTest {

    private static final String OWNER = "owner-key";
    private static final String OTHER = "other-key";
    private static final String ROOT = "root-key";
    private static final String TAGS = "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>";

    private final S3Router router = new S3Router(null);
    private MemoryObjectService objects;
    private S3Api api;

    /** A request as a user sends it; every one of them answers AccessDenied to a user who is not the owner. */
    private record Op(String name, String method, String uri, String body, String... headers) {
    }

    private static final List<Op> OPERATIONS = List.of(
            new Op("GetObject", "GET", "/theirs/k", null),
            new Op("HeadObject", "HEAD", "/theirs/k", null),
            new Op("PutObject", "PUT", "/theirs/new", "intruder"),
            new Op("PutObject over", "PUT", "/theirs/k", "intruder"),
            new Op("DeleteObject", "DELETE", "/theirs/k", null),
            new Op("CopyObject within", "PUT", "/theirs/copy", null, "x-amz-copy-source", "/theirs/k"),
            new Op("CopyObject out of", "PUT", "/mine/stolen", null, "x-amz-copy-source", "/theirs/k"),
            new Op("CopyObject into", "PUT", "/theirs/planted", null, "x-amz-copy-source", "/mine/m"),
            new Op("GetObjectTagging", "GET", "/theirs/k?tagging", null),
            new Op("PutObjectTagging", "PUT", "/theirs/k?tagging", TAGS),
            new Op("DeleteObjectTagging", "DELETE", "/theirs/k?tagging", null),
            new Op("GetObjectAcl", "GET", "/theirs/k?acl", null),
            new Op("PutObjectAcl", "PUT", "/theirs/k?acl", null, "x-amz-acl", "private"),
            new Op("GetObjectAttributes", "GET", "/theirs/k?attributes", null, "x-amz-object-attributes", "ETag"),
            new Op("CreateMultipartUpload", "POST", "/theirs/big?uploads", null),
            new Op("UploadPart", "PUT", "/theirs/big?partNumber=1&uploadId=u1", "part"),
            new Op("UploadPartCopy out of", "PUT", "/mine/big?partNumber=1&uploadId=u1", null,
                    "x-amz-copy-source", "/theirs/k"),
            new Op("CompleteMultipartUpload", "POST", "/theirs/big?uploadId=u1",
                    "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"e\"</ETag></Part>"
                            + "</CompleteMultipartUpload>"),
            new Op("AbortMultipartUpload", "DELETE", "/theirs/big?uploadId=u1", null),
            new Op("ListParts", "GET", "/theirs/big?uploadId=u1", null),
            new Op("ListMultipartUploads", "GET", "/theirs?uploads", null),
            new Op("ListObjects", "GET", "/theirs", null),
            new Op("ListObjectsV2", "GET", "/theirs?list-type=2", null),
            new Op("ListObjectVersions", "GET", "/theirs?versions", null),
            new Op("GetBucketLocation", "GET", "/theirs?location", null),
            new Op("GetBucketVersioning", "GET", "/theirs?versioning", null),
            new Op("PutBucketVersioning", "PUT", "/theirs?versioning",
                    "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"),
            new Op("GetBucketTagging", "GET", "/theirs?tagging", null),
            new Op("PutBucketTagging", "PUT", "/theirs?tagging", TAGS),
            new Op("DeleteBucketTagging", "DELETE", "/theirs?tagging", null),
            new Op("GetBucketCors", "GET", "/theirs?cors", null),
            new Op("PutBucketCors", "PUT", "/theirs?cors", "<CORSConfiguration><CORSRule><AllowedMethod>GET"
                    + "</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>"),
            new Op("DeleteBucketCors", "DELETE", "/theirs?cors", null),
            new Op("GetBucketEncryption", "GET", "/theirs?encryption", null),
            new Op("PutBucketEncryption", "PUT", "/theirs?encryption", "<ServerSideEncryptionConfiguration><Rule>"
                    + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                    + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"),
            new Op("DeleteBucketEncryption", "DELETE", "/theirs?encryption", null),
            new Op("GetBucketOwnershipControls", "GET", "/theirs?ownershipControls", null),
            new Op("PutBucketOwnershipControls", "PUT", "/theirs?ownershipControls",
                    BucketOwnershipTest.controls("ObjectWriter")),
            new Op("DeleteBucketOwnershipControls", "DELETE", "/theirs?ownershipControls", null),
            new Op("GetBucketAcl", "GET", "/theirs?acl", null),
            new Op("PutBucketAcl", "PUT", "/theirs?acl", null, "x-amz-acl", "private"),
            new Op("DeleteBucket", "DELETE", "/theirs", null));

    @BeforeEach
    void setUp() {
        objects = new MemoryObjectService();
        // The CORS family is one the server passes in: added here so its operations are checked too.
        api = new S3Api(objects, "us-east-1", MasterKey.ephemeral(), List.of(new CorsOperations(objects)));
        assertThat(call(OWNER, false, "PUT", "/theirs", null).status().code()).isEqualTo(200);
        assertThat(call(OWNER, false, "PUT", "/theirs/k", "data").status().code()).isEqualTo(200);
        assertThat(call(OTHER, false, "PUT", "/mine", null).status().code()).isEqualTo(200);
        assertThat(call(OTHER, false, "PUT", "/mine/m", "mine").status().code()).isEqualTo(200);
    }

    private S3Response call(String accessKey, boolean root, String method, String uri, String body,
                            String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        r.headers().set("Content-Length", bytes.length);
        return api.handle(new S3Call(router.route(r, "REQ1"), accessKey, root, new ByteArrayInputStream(bytes),
                Map::of));
    }

    private S3Response call(String accessKey, Op op) {
        return call(accessKey, false, op.method(), op.uri(), op.body(), op.headers());
    }

    /** The whole body, in memory or streamed. */
    private static String text(S3Response r) {
        return S3Responses.text(r);
    }

    /** What the owner sees of its bucket, to compare before and after. */
    private List<String> ownersView() {
        List<String> view = new ArrayList<>();
        for (String uri : new String[] {"/theirs?list-type=2", "/theirs?versioning", "/theirs?tagging",
                "/theirs?cors", "/theirs?encryption", "/theirs/k", "/theirs/k?tagging", "/mine?list-type=2"}) {
            S3Response r = call(uri.startsWith("/mine") ? OTHER : OWNER, false, "GET", uri, null);
            view.add(uri + " " + r.status().code() + " " + text(r));
        }
        return view;
    }

    @Test
    void everyBucketAndObjectOperationOfAnotherUserIsAccessDeniedAndChangesNothing() {
        List<String> before = ownersView();
        for (Op op : OPERATIONS) {
            S3Response r = call(OTHER, op);
            assertThat(r.status().code()).as(op.name()).isEqualTo(403);
            assertThat(r.errorCode()).as(op.name()).isEqualTo("AccessDenied");
            if (op.method().equals("HEAD")) {
                assertThat(r.body()).as(op.name()).isNullOrEmpty();
            } else {
                assertThat(text(r)).as(op.name()).contains("<Code>AccessDenied</Code>",
                        "<Message>Access Denied</Message>");
            }
        }
        assertThat(ownersView()).isEqualTo(before);
        assertThat(before.get(0)).contains("<Key>k</Key>").doesNotContain("new", "copy", "planted");
        assertThat(before.get(5)).endsWith(" 200 data");
        assertThat(before.get(7)).contains("<Key>m</Key>").doesNotContain("stolen");
    }

    /** As in AWS, DeleteObjects checks s3:DeleteObject key by key: each key it may not delete is an error. */
    @Test
    void deleteObjectsOfAnotherUserFailsKeyByKeyAndChangesNothing() {
        List<String> before = ownersView();
        S3Response r = call(OTHER, false, "POST", "/theirs?delete",
                "<Delete><Object><Key>k</Key></Object><Object><Key>absent</Key></Object></Delete>",
                "Content-MD5", "ignored");
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(text(r)).contains("<Key>k</Key><Code>AccessDenied</Code>", "<Key>absent</Key><Code>AccessDenied</Code>")
                .doesNotContain("<Deleted>");
        assertThat(ownersView()).isEqualTo(before);
    }

    @Test
    void headBucketOfAnotherUserIsForbiddenWithoutABody() {
        S3Response r = call(OTHER, false, "HEAD", "/theirs", null);
        assertThat(r.status().code()).isEqualTo(403);
        assertThat(r.body()).isNullOrEmpty();
        assertThat(call(OWNER, false, "HEAD", "/theirs", null).status().code()).isEqualTo(200);
    }

    @Test
    void aMissingBucketIsStillNoSuchBucket() {
        assertThat(text(call(OTHER, false, "GET", "/absent/k", null))).contains("<Code>NoSuchBucket</Code>");
        assertThat(text(call(OTHER, false, "PUT", "/mine/c", null, "x-amz-copy-source", "/absent/k")))
                .contains("<Code>NoSuchBucket</Code>");
        assertThat(call(OTHER, false, "HEAD", "/absent", null).status().code()).isEqualTo(404);
    }

    @Test
    void theRootUserActsOnEveryBucket() {
        assertThat(text(call(ROOT, true, "GET", "/theirs?list-type=2", null))).contains("<Key>k</Key>");
        assertThat(text(call(ROOT, true, "GET", "/theirs/k", null))).isEqualTo("data");
        assertThat(call(ROOT, true, "PUT", "/theirs/by-root", "r").status().code()).isEqualTo(200);
        assertThat(call(ROOT, true, "PUT", "/mine/copied", null, "x-amz-copy-source", "/theirs/k").status().code())
                .isEqualTo(200);
        assertThat(text(call(OTHER, false, "GET", "/mine/copied", null))).isEqualTo("data");
        // The bucket still shows its creator as owner, whoever asks.
        assertThat(text(call(ROOT, true, "GET", "/theirs?acl", null)))
                .contains("<DisplayName>" + OWNER + "</DisplayName>");
        // A user named like the root user but not authenticated as root gets nothing.
        assertThat(call(ROOT, false, "GET", "/theirs/k", null).status().code()).isEqualTo(403);
    }

    @Test
    void bucketsWithoutARecordedOwnerStayOpenToEveryUser() {
        objects.createBucket("legacy");
        assertThat(call(OTHER, false, "PUT", "/legacy/k", "old").status().code()).isEqualTo(200);
        assertThat(text(call(OWNER, false, "GET", "/legacy/k", null))).isEqualTo("old");
    }

    @Test
    void ownersOwnOperationsWork() {
        for (String uri : new String[] {"/theirs?versions", "/theirs?location", "/theirs?acl"}) {
            assertThat(call(OWNER, false, "GET", uri, null).status().code()).as(uri).isEqualTo(200);
        }
        assertThat(call(OWNER, false, "PUT", "/theirs/c", null, "x-amz-copy-source", "/theirs/k").status().code())
                .isEqualTo(200);
        assertThat(call(OWNER, false, "DELETE", "/theirs/c", null).status().code()).isEqualTo(204);
    }

    @Test
    void aBucketReCreatedByAnotherUserIsTheirsOnceTheCachedOwnerExpires() {
        AtomicLong now = new AtomicLong();
        BucketOwners owners = new BucketOwners(objects, now::get);
        BucketAccess access = new BucketAccess(objects, owners);
        access.check("theirs", OWNER, false);
        // Deleted and re-created by OTHER through another gateway: this one still trusts its cached owner...
        objects.deleteObject("theirs", "k", null);
        objects.deleteBucket("theirs");
        objects.createBucket("theirs");
        objects.putBucketConfig("theirs", "owner", OTHER);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(BucketOwners.TTL_MILLIS));
        access.check("theirs", OWNER, false);
        // ...for no longer than the cache time.
        now.addAndGet(1);
        access.check("theirs", OTHER, false);
        assertThat(Assertions.catchThrowable(() -> access.check("theirs", OWNER, false)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED));
    }

    @Test
    void theOwnerIsReadOncePerCacheTimeNotOncePerRequest() {
        AtomicInteger ownerReads = new AtomicInteger();
        ObjectService counting = (ObjectService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ObjectService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBucketConfig") && "owner".equals(args[1])) {
                        ownerReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(objects, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AtomicLong now = new AtomicLong();
        BucketAccess access = new BucketAccess(counting, new BucketOwners(counting, now::get));
        // A request every millisecond for the whole cache time: one read.
        for (int ms = 0; ms <= BucketOwners.TTL_MILLIS; ms++) {
            now.set(TimeUnit.MILLISECONDS.toNanos(ms));
            access.check("theirs", OWNER, false);
        }
        assertThat(ownerReads.get()).isEqualTo(1);
        now.addAndGet(1);
        access.check("theirs", OWNER, false);
        assertThat(ownerReads.get()).isEqualTo(2);
        access.check("theirs", ROOT, true);
        assertThat(ownerReads.get()).isEqualTo(2);
    }

    @Test
    void aBucketDeletedAndReCreatedThroughThisGatewayHasItsNewOwnerAtOnce() {
        assertThat(call(OWNER, false, "DELETE", "/theirs/k", null).status().code()).isEqualTo(204);
        assertThat(call(OWNER, false, "DELETE", "/theirs", null).status().code()).isEqualTo(204);
        assertThat(call(OTHER, false, "PUT", "/theirs", null).status().code()).isEqualTo(200);
        assertThat(call(OTHER, false, "PUT", "/theirs/k", "now mine").status().code()).isEqualTo(200);
        assertThat(call(OWNER, false, "GET", "/theirs/k", null).status().code()).isEqualTo(403);
    }
}
