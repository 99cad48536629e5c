package io.cairn.gateway.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.crypto.MasterKey;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bucket policies, ACLs and the public access block, through the S3 API over the in-memory object service. */
class AccessControlTest {

    private static final String OWNER = "owner-key";
    private static final String OTHER = "other-key";
    private static final String ANON = null;
    private static final String PUBLIC_READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\","
            + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::bkt/*\"}]}";

    private final S3Router router = new S3Router(null);
    private S3Api api;

    @BeforeEach
    void setUp() {
        api = new S3Api(new MemoryObjectService(), "us-east-1", MasterKey.ephemeral(), List.of());
        assertThat(call(OWNER, "PUT", "/bkt", null).status().code()).isEqualTo(200);
        assertThat(call(OWNER, "PUT", "/bkt/k", "data").status().code()).isEqualTo(200);
    }

    private S3Response call(String accessKey, String method, String uri, String body, String... headers) {
        return callFrom(accessKey, "192.0.2.10", method, uri, body, headers);
    }

    private S3Response callFrom(String accessKey, String ip, String method, String uri, String body,
                                String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        r.headers().set("Content-Length", bytes.length);
        return api.handle(new S3Call(router.route(r, "REQ1"), accessKey, false, new ByteArrayInputStream(bytes),
                Map::of, ip, false));
    }

    private static String text(S3Response r) {
        return S3Responses.text(r);
    }

    private void status(int expected, S3Response r) {
        if (r.status().code() != expected) {
            // Only then: reading the body consumes a streamed one.
            assertThat(r.status().code()).as(text(r)).isEqualTo(expected);
        }
    }

    private void error(int status, String code, S3Response r) {
        assertThat(r.status().code()).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
    }

    @Test
    void policyLifecycle() {
        error(404, "NoSuchBucketPolicy", call(OWNER, "GET", "/bkt?policy", null));
        error(404, "NoSuchBucketPolicy", call(OWNER, "GET", "/bkt?policyStatus", null));
        status(204, call(OWNER, "PUT", "/bkt?policy", PUBLIC_READ));
        S3Response got = call(OWNER, "GET", "/bkt?policy", null);
        status(200, got);
        assertThat(text(got)).isEqualTo(PUBLIC_READ);
        assertThat(text(call(OWNER, "GET", "/bkt?policyStatus", null))).contains("<IsPublic>true</IsPublic>");
        status(204, call(OWNER, "DELETE", "/bkt?policy", null));
        error(404, "NoSuchBucketPolicy", call(OWNER, "GET", "/bkt?policy", null));
        error(404, "NoSuchBucket", call(OWNER, "PUT", "/absent?policy", PUBLIC_READ));
    }

    @Test
    void aRefusedReadOfAMissingKeyIs404ToACallerWhoMayListIt() {
        String listPublic = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"*\"},\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::bkt\",\"Condition\":"
                + "{\"StringLike\":{\"s3:prefix\":\"public/*\"}}}]}";
        status(204, call(OWNER, "PUT", "/bkt?policy", listPublic));
        error(404, "NoSuchKey", call(OTHER, "GET", "/bkt/public/missing", null));
        status(404, call(OTHER, "HEAD", "/bkt/public/missing", null));
        // not listable there, or existing but not readable: the refusal stands
        error(403, "AccessDenied", call(OTHER, "GET", "/bkt/private/missing", null));
        error(403, "AccessDenied", call(OTHER, "GET", "/bkt/k", null));
        assertThat(call(OWNER, "PUT", "/bkt/public/there", "x").status().code()).isEqualTo(200);
        error(403, "AccessDenied", call(OTHER, "GET", "/bkt/public/there", null));
    }

    @Test
    void malformedPoliciesAreRefusedWithTheReason() {
        S3Response r = call(OWNER, "PUT", "/bkt?policy", "{\"Statement\":[{\"Effect\":\"Perhaps\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bkt/*\"}]}");
        error(400, "MalformedPolicy", r);
        assertThat(text(r)).contains("Invalid effect");
        error(400, "MalformedPolicy", call(OWNER, "PUT", "/bkt?policy", "{not json"));
        error(400, "MalformedPolicy", call(OWNER, "PUT", "/bkt?policy", PUBLIC_READ.replace(":::bkt/", ":::other/")));
        error(400, "MalformedPolicy", call(OWNER, "PUT", "/bkt?policy", ""));
        error(404, "NoSuchBucketPolicy", call(OWNER, "GET", "/bkt?policy", null));
    }

    @Test
    void aPublicReadPolicyLetsAnonymousReadButNotListOrWrite() {
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/k", null));
        status(204, call(OWNER, "PUT", "/bkt?policy", PUBLIC_READ));
        S3Response get = call(ANON, "GET", "/bkt/k", null);
        status(200, get);
        assertThat(text(get)).isEqualTo("data");
        status(200, call(ANON, "HEAD", "/bkt/k", null));
        error(404, "NoSuchKey", call(ANON, "GET", "/bkt/absent", null));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt?list-type=2", null));
        error(403, "AccessDenied", call(ANON, "PUT", "/bkt/new", "x"));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/k?tagging", null));
        // Another user is "everyone" too.
        status(200, call(OTHER, "GET", "/bkt/k", null));
        // A missing bucket is still NoSuchBucket.
        error(404, "NoSuchBucket", call(ANON, "GET", "/absent/k", null));
    }

    @Test
    void onlyTheOwnerManagesThePolicyWhateverItSays() {
        status(204, call(OWNER, "PUT", "/bkt?policy", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + OTHER + "\"},\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::bkt\",\"arn:aws:s3:::bkt/*\"]}}"));
        error(403, "AccessDenied", call(OTHER, "GET", "/bkt?policy", null));
        error(403, "AccessDenied", call(OTHER, "DELETE", "/bkt?policy", null));
        error(403, "AccessDenied", call(OTHER, "PUT", "/bkt?publicAccessBlock", pab(false, false, false, false)));
        status(200, call(OTHER, "GET", "/bkt?list-type=2", null));
    }

    @Test
    void aDenyOnAPrefixAppliesToThatUserAndTheOwnerButNotRoot() {
        status(204, call(OWNER, "PUT", "/bkt?policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\""
                + OTHER + "\"]},\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bkt/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::bkt/secret/*\"}]}"));
        status(200, call(OTHER, "PUT", "/bkt/open/x", "o"));
        status(200, call(OTHER, "GET", "/bkt/open/x", null));
        error(403, "AccessDenied", call(OTHER, "PUT", "/bkt/secret/x", "s"));
        error(403, "AccessDenied", call(OWNER, "PUT", "/bkt/secret/x", "s"));
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/bkt/secret/x");
        r.headers().set("Content-Length", 1);
        status(200, api.handle(new S3Call(router.route(r, "R"), "root", true, new ByteArrayInputStream(new byte[1]),
                Map::of)));
        // DeleteObjects is decided key by key.
        String del = text(call(OWNER, "POST", "/bkt?delete", "<Delete><Object><Key>secret/x</Key></Object>"
                + "<Object><Key>open/x</Key></Object></Delete>", "Content-MD5", "x"));
        assertThat(del).contains("<Key>secret/x</Key><Code>AccessDenied</Code>", "<Deleted><Key>open/x</Key>");
    }

    @Test
    void conditionsSeeTheSourceAddressAndTheListingParameters() {
        status(204, call(OWNER, "PUT", "/bkt?policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::bkt\",\"Condition\":{"
                + "\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"},\"StringLike\":{\"s3:prefix\":\"pub/*\"}}}]}"));
        status(200, callFrom(ANON, "192.0.2.99", "GET", "/bkt?list-type=2&prefix=pub/a", null));
        error(403, "AccessDenied", callFrom(ANON, "198.51.100.1", "GET", "/bkt?list-type=2&prefix=pub/a", null));
        error(403, "AccessDenied", callFrom(ANON, "192.0.2.99", "GET", "/bkt?list-type=2", null));
    }

    @Test
    void aPublicReadObjectAclLetsAnonymousReadAndShowsTheGrant() {
        status(200, call(OWNER, "PUT", "/bkt/pub", "hello", "x-amz-acl", "public-read"));
        S3Response get = call(ANON, "GET", "/bkt/pub", null);
        status(200, get);
        assertThat(text(get)).isEqualTo("hello");
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/k", null));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt?list-type=2", null));
        error(403, "AccessDenied", call(ANON, "PUT", "/bkt/pub", "overwrite"));
        String acl = text(call(OWNER, "GET", "/bkt/pub?acl", null));
        assertThat(acl).contains("<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
                + "<Permission>READ</Permission>", "<Permission>FULL_CONTROL</Permission>");
        assertThat(text(call(OWNER, "GET", "/bkt/k?acl", null))).doesNotContain("AllUsers");
        // The ACL is not shown as a header and is not copied.
        assertThat(call(OWNER, "HEAD", "/bkt/pub", null).headers().names()).noneMatch(n -> n.contains("acl"));
        status(200, call(OWNER, "PUT", "/bkt/copy", null, "x-amz-copy-source", "/bkt/pub"));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/copy", null));
        // PutObjectAcl back to private.
        status(200, call(OWNER, "PUT", "/bkt/pub?acl", null, "x-amz-acl", "private"));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/pub", null));
    }

    @Test
    void aMultipartUploadsAclGoesToTheCompletedObject() {
        String created = text(call(OWNER, "POST", "/bkt/mp?uploads", null, "x-amz-acl", "public-read"));
        String uploadId = created.substring(created.indexOf("<UploadId>") + 10, created.indexOf("</UploadId>"));
        S3Response part = call(OWNER, "PUT", "/bkt/mp?partNumber=1&uploadId=" + uploadId, "multi");
        status(200, part);
        String etag = part.headers().get("ETag");
        status(200, call(OWNER, "POST", "/bkt/mp?uploadId=" + uploadId, "<CompleteMultipartUpload><Part>"
                + "<PartNumber>1</PartNumber><ETag>" + etag + "</ETag></Part></CompleteMultipartUpload>"));
        S3Response get = call(ANON, "GET", "/bkt/mp", null);
        status(200, get);
        assertThat(text(get)).isEqualTo("multi");
    }

    @Test
    void aclsByBodyAndByGrantHeaders() {
        String otherId = Owners.of(OTHER).id();
        String ownerId = Owners.of(OWNER).id();
        String body = "<AccessControlPolicy><Owner><ID>" + ownerId + "</ID></Owner><AccessControlList>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + ownerId + "</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>" + otherId + "</ID></Grantee><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>";
        status(200, call(OWNER, "PUT", "/bkt/k?acl", body));
        status(200, call(OTHER, "GET", "/bkt/k", null));
        error(403, "AccessDenied", call(OTHER, "GET", "/bkt/k?acl", null));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/k", null));
        status(200, call(OWNER, "PUT", "/bkt?acl", null, "x-amz-grant-write", "id=\"" + otherId + "\"",
                "x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\""));
        status(200, call(OTHER, "PUT", "/bkt/by-other", "x"));
        status(200, call(OTHER, "GET", "/bkt?list-type=2", null));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt?list-type=2", null));
        error(400, "InvalidRequest", call(OWNER, "PUT", "/bkt?acl", null, "x-amz-acl", "private",
                "x-amz-grant-read", "id=\"" + otherId + "\""));
        error(400, "MalformedACLError", call(OWNER, "PUT", "/bkt?acl", "<AccessControlPolicy><AccessControlList>"
                + "<Grant><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>"));
        error(400, "InvalidArgument", call(OWNER, "PUT", "/bkt/k", "x", "x-amz-acl", "world-readable"));
    }

    @Test
    void publicBucketAcls() {
        status(200, call(OWNER, "PUT", "/pub", null, "x-amz-acl", "public-read-write"));
        status(200, call(ANON, "PUT", "/pub/anon", "a"));
        status(200, call(ANON, "GET", "/pub?list-type=2", null));
        assertThat(text(call(OWNER, "GET", "/pub?acl", null))).contains("<Permission>WRITE</Permission>");
        // The object an anonymous caller wrote belongs to the bucket owner and is private.
        error(403, "AccessDenied", call(ANON, "GET", "/pub/anon", null));
        assertThat(text(call(OWNER, "GET", "/pub/anon", null))).isEqualTo("a");
        error(403, "AccessDenied", call(ANON, "GET", "/", null));
        error(403, "AccessDenied", call(ANON, "PUT", "/anon-bucket", null));
    }

    private static String pab(boolean blockAcls, boolean ignoreAcls, boolean blockPolicy, boolean restrict) {
        return "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<BlockPublicAcls>" + blockAcls + "</BlockPublicAcls><IgnorePublicAcls>" + ignoreAcls
                + "</IgnorePublicAcls><BlockPublicPolicy>" + blockPolicy + "</BlockPublicPolicy>"
                + "<RestrictPublicBuckets>" + restrict + "</RestrictPublicBuckets></PublicAccessBlockConfiguration>";
    }

    @Test
    void publicAccessBlock() {
        error(404, "NoSuchPublicAccessBlockConfiguration", call(OWNER, "GET", "/bkt?publicAccessBlock", null));
        status(200, call(OWNER, "PUT", "/bkt/pub", "p", "x-amz-acl", "public-read"));
        status(204, call(OWNER, "PUT", "/bkt?policy", PUBLIC_READ.replace("bkt/*", "bkt/k")));
        status(200, call(OWNER, "PUT", "/bkt?publicAccessBlock", pab(true, true, true, true)));
        assertThat(text(call(OWNER, "GET", "/bkt?publicAccessBlock", null)))
                .contains("<BlockPublicAcls>true</BlockPublicAcls>", "<RestrictPublicBuckets>true</RestrictPublicBuckets>");
        error(403, "AccessDenied", call(OWNER, "PUT", "/bkt/x", "x", "x-amz-acl", "public-read"));
        error(403, "AccessDenied", call(OWNER, "PUT", "/bkt/k?acl", null, "x-amz-acl", "authenticated-read"));
        error(403, "AccessDenied", call(OWNER, "PUT", "/bkt?policy", PUBLIC_READ));
        status(200, call(OWNER, "PUT", "/bkt/x", "x", "x-amz-acl", "private"));
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/pub", null)); // IgnorePublicAcls
        error(403, "AccessDenied", call(ANON, "GET", "/bkt/k", null)); // RestrictPublicBuckets
        status(200, call(OWNER, "PUT", "/bkt?publicAccessBlock", pab(false, false, false, false)));
        status(200, call(ANON, "GET", "/bkt/pub", null));
        status(200, call(ANON, "GET", "/bkt/k", null));
        status(204, call(OWNER, "DELETE", "/bkt?publicAccessBlock", null));
        error(404, "NoSuchPublicAccessBlockConfiguration", call(OWNER, "GET", "/bkt?publicAccessBlock", null));
    }

    @Test
    void bucketOwnerEnforcedRefusesAcls() {
        error(400, "InvalidBucketAclWithObjectOwnership", call(OWNER, "PUT", "/enf", null, "x-amz-acl",
                "public-read", "x-amz-object-ownership", "BucketOwnerEnforced"));
        status(200, call(OWNER, "PUT", "/enf", null, "x-amz-object-ownership", "BucketOwnerEnforced"));
        error(400, "AccessControlListNotSupported", call(OWNER, "PUT", "/enf/k", "x", "x-amz-acl", "public-read"));
        error(400, "AccessControlListNotSupported", call(OWNER, "PUT", "/enf?acl", null, "x-amz-acl", "public-read"));
        status(200, call(OWNER, "PUT", "/enf/k", "x", "x-amz-acl", "bucket-owner-full-control"));
        status(200, call(OWNER, "PUT", "/enf?acl", null, "x-amz-acl", "private"));
        // A bucket with a public ACL cannot be switched to BucketOwnerEnforced until the ACL is private.
        String enforced = "<OwnershipControls><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>"
                + "</OwnershipControls>";
        status(200, call(OWNER, "PUT", "/open", null, "x-amz-acl", "public-read"));
        error(400, "InvalidBucketAclWithObjectOwnership", call(OWNER, "PUT", "/open?ownershipControls", enforced));
        status(200, call(OWNER, "PUT", "/open?acl", null, "x-amz-acl", "private"));
        status(200, call(OWNER, "PUT", "/open?ownershipControls", enforced));
    }
}
