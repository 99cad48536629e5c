package io.cairn.gateway.post;

import io.cairn.gateway.auth.CredentialStore;
import io.cairn.gateway.auth.Credentials;
import io.cairn.gateway.checksum.ChecksumAlgorithm;
import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.crypto.SseRequest;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectService;
import io.cairn.object.PutOptions;
import io.cairn.gateway.s3.BucketAccess;
import io.cairn.gateway.s3.EncryptedUploads;
import io.cairn.gateway.s3.S3ErrorCode;
import io.cairn.gateway.s3.S3Exception;
import io.cairn.gateway.s3.S3Response;
import io.cairn.presign.CredentialScope;
import io.cairn.presign.PostCondition;
import io.cairn.presign.PostPolicy;
import io.cairn.presign.PostPolicyCheck;
import io.cairn.presign.PostPolicyException;
import io.cairn.presign.PostPolicySigner;
import io.cairn.presign.SigV4;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * POST Object: reads the form fields up to the file, authenticates the policy signature, checks the
 * policy, then streams the file part into the object layer while counting it against
 * content-length-range. Fields after the file are ignored, as S3 does.
 */
public final class PostObjectHandler {

    /** The tag of a form upload's write, so that its event is s3:ObjectCreated:Post (see the notify package). */
    public static final String ORIGIN = "Post";


    /** S3 allows 20 KB of form fields besides the file. */
    static final int MAX_FIELDS_BYTES = 20 * 1024;
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final ObjectService objects;
    private final EncryptedUploads encryption;
    private final CredentialStore credentials;
    private final BucketAccess access;
    private final String region;
    private final Clock clock;

    /** With a random master key that lives as long as this object (tests): encrypted uploads do not survive it. */
    public PostObjectHandler(ObjectService objects, CredentialStore credentials, String region, Clock clock) {
        this(objects, credentials, region, clock, EncryptedUploads.of(objects, MasterKey.ephemeral()));
    }

    /** {@code encryption}: the gateway's, so form uploads are encrypted as a PUT would be and read back by GET. */
    public PostObjectHandler(ObjectService objects, CredentialStore credentials, String region, Clock clock,
                             EncryptedUploads encryption) {
        this.encryption = encryption;
        this.objects = objects;
        this.credentials = credentials;
        this.access = new BucketAccess(objects);
        this.region = region;
        this.clock = clock;
    }

    /** Whether a request is a browser form upload (POST of multipart/form-data). */
    public static boolean isFormUpload(String method, HttpHeaders headers) {
        return method.equals("POST") && FormDataReader.boundary(headers.get(HttpHeaderNames.CONTENT_TYPE)) != null;
    }

    /**
     * Blocking: reads the form from {@code body} and stores its file in {@code bucket}. {@code origin}: the base
     * of the answer's {@code Location} (the scheme and host the client used).
     */
    public S3Response handle(String bucket, HttpHeaders headers, InputStream body, URI origin) throws IOException {
        objects.headBucket(bucket);
        FormDataReader form = new FormDataReader(body, FormDataReader.boundary(headers.get(HttpHeaderNames.CONTENT_TYPE)));
        Map<String, String> fields = new LinkedHashMap<>();
        FormDataReader.Part file;
        try {
            file = readFields(form, fields);
        } catch (MalformedFormException e) {
            throw new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST);
        }
        String keyField = fields.get("key");
        if (keyField == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.");
        }
        String key = keyField.replace("${filename}", file.filename() == null ? "" : baseName(file.filename()));
        Credentials signer = signer(fields);
        PostCondition.ContentLengthRange range = signer == null ? null : checkPolicy(bucket, fields, key);
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new S3Exception(key.isEmpty() ? S3ErrorCode.INVALID_ARGUMENT : S3ErrorCode.KEY_TOO_LONG,
                    key.isEmpty() ? "User key must have a length greater than 0." : S3ErrorCode.KEY_TOO_LONG.defaultMessage());
        }
        FileChecksum checksum = FileChecksum.of(fields);
        Map<String, String> metadata = PostFields.metadata(fields);
        // The upload acts as the policy's signer (anonymous without a policy): authorised as a PutObject.
        access.authorizeFormUpload(bucket, key, signer == null ? null : signer.accessKey(),
                signer != null && credentials.isRoot(signer.accessKey()), fields.get("acl"), metadata);
        RangeLimitedStream content = new RangeLimitedStream(file.content(), range);
        InputStream stored = content;
        FileChecksum.Verifying verified = null;
        if (checksum != null) {
            checksum.addTo(metadata);
            stored = verified = checksum.verify(content);
        }
        SseRequest sse = encryption.choose(bucket, fields::get);
        ObjectInfo info;
        try {
            info = sse == null ? objects.putObject(bucket, key, stored, -1, PutOptions.of(metadata).withOrigin(ORIGIN))
                    : putEncrypted(bucket, key, stored, metadata, sse);
        } catch (RuntimeException | IOException e) {
            if (content.failure() != null) {
                throw translate(content.failure());
            }
            if (verified != null && verified.failure() != null) {
                throw verified.failure();
            }
            throw e;
        }
        S3Response response = PostResponses.success(fields, bucket, key, info, origin);
        EncryptedUploads.headers(response, sse);
        return response;
    }

    /** Encryption needs the size up front, which a form does not give: the file is spooled (sealed) first. */
    private ObjectInfo putEncrypted(String bucket, String key, InputStream file, Map<String, String> metadata,
                                    SseRequest sse) throws IOException {
        try (SealedSpool spool = SealedSpool.of(file); InputStream in = spool.open()) {
            return encryption.put(bucket, key, in, spool.size(), PutOptions.of(metadata).withOrigin(ORIGIN), sse);
        }
    }

    private static FormDataReader.Part readFields(FormDataReader form, Map<String, String> fields) throws IOException {
        int total = 0;
        FormDataReader.Part part;
        while ((part = form.next()) != null) {
            String name = part.name().toLowerCase(Locale.ROOT);
            if (name.equals("file")) {
                return part;
            }
            byte[] value = part.content().readNBytes(MAX_FIELDS_BYTES + 1);
            total += value.length + name.length();
            if (total > MAX_FIELDS_BYTES) {
                throw new S3Exception(S3ErrorCode.MAX_POST_PRE_DATA_LENGTH_EXCEEDED);
            }
            fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "POST requires exactly one file upload per request.");
    }

    /** The policy's signer, its signature checked; null for an anonymous form (one without a policy). */
    private Credentials signer(Map<String, String> fields) {
        String policy = fields.get("policy");
        if (policy == null) {
            return null;
        }
        boolean v2 = !fields.containsKey("x-amz-algorithm") && fields.containsKey("awsaccesskeyid");
        try {
            return v2 ? authenticateV2(policy, fields) : authenticateV4(policy, fields, clock.instant());
        } catch (PostPolicyException e) {
            throw translate(e);
        }
    }

    /**
     * Checks the signed policy's conditions; returns the file size range it allows (or null).
     * {@code key}: the key field with ${filename} replaced.
     */
    private PostCondition.ContentLengthRange checkPolicy(String bucket, Map<String, String> fields, String key) {
        boolean v2 = !fields.containsKey("x-amz-algorithm") && fields.containsKey("awsaccesskeyid");
        try {
            return check(PostPolicy.parse(fields.get("policy")), bucket, conditioned(fields, v2), key,
                    clock.instant());
        } catch (PostPolicyException e) {
            throw translate(e);
        }
    }

    /**
     * S3 holds the key conditions against the key with ${filename} replaced (so SDKs sign such keys with a
     * starts-with condition); a policy that pins the key as submitted, ${filename} and all, is met too.
     */
    private static PostCondition.ContentLengthRange check(PostPolicy policy, String bucket,
                                                          Map<String, String> fields, String key, Instant now) {
        if (!key.equals(fields.get("key"))) {
            Map<String, String> replaced = new LinkedHashMap<>(fields);
            replaced.put("key", key);
            try {
                return PostPolicyCheck.check(policy, bucket, replaced, now);
            } catch (PostPolicyException e) {
                // falls back to the key as submitted; its failure is the one reported
            }
        }
        return PostPolicyCheck.check(policy, bucket, fields, now);
    }

    /**
     * The fields the policy must name. Like x-amz-signature for SigV4, the v2 credential fields need no
     * condition; neither does a checksum field, which can only narrow what is stored.
     */
    private static Map<String, String> conditioned(Map<String, String> fields, boolean v2) {
        Map<String, String> named = new LinkedHashMap<>(fields);
        if (v2) {
            named.remove("awsaccesskeyid");
            named.remove("signature");
        }
        named.keySet().removeIf(name -> ChecksumAlgorithm.fromHeaderName(name).isPresent());
        return named;
    }

    private Credentials authenticateV4(String policy, Map<String, String> fields, Instant now) {
        String algorithm = require(fields, "x-amz-algorithm");
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unsupported algorithm: " + algorithm);
        }
        CredentialScope.Parsed credential = CredentialScope.parseCredential(require(fields, "x-amz-credential"))
                .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid credential: "
                        + fields.get("x-amz-credential")));
        Instant date = parseDate(require(fields, "x-amz-date"));
        if (!credential.scope().date().equals(SigV4.scopeDate(date))
                || !credential.scope().service().equals(SigV4.SERVICE)
                || !(credential.scope().region().equals(region) || credential.scope().region().equals("us-east-1"))) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid credential scope: "
                    + fields.get("x-amz-credential"));
        }
        if (date.isAfter(now.plus(MAX_SKEW))) {
            throw new S3Exception(S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
        }
        Credentials user = credentials.lookup(credential.accessKey())
                .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
        PostPolicySigner.verify(policy, require(fields, "x-amz-signature"), user.secretKey(), credential.scope());
        return user;
    }

    /** The legacy form: AWSAccessKeyId and a base64 HMAC-SHA1 signature of the policy, no date or scope. */
    private Credentials authenticateV2(String policy, Map<String, String> fields) {
        Credentials user = credentials.lookup(fields.get("awsaccesskeyid"))
                .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
        PolicySignatureV2.verify(policy, require(fields, "signature"), user.secretKey());
        return user;
    }

    private static String require(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "Bucket POST must contain a field named '" + name + "'.  If it is specified, please check the order of the fields.");
        }
        return v;
    }

    private static Instant parseDate(String amzDate) {
        try {
            return SigV4.AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid x-amz-date: " + amzDate);
        }
    }

    static S3Exception translate(PostPolicyException e) {
        S3ErrorCode code = switch (e.reason()) {
            case MALFORMED -> S3ErrorCode.INVALID_POLICY_DOCUMENT;
            case DENIED -> S3ErrorCode.ACCESS_DENIED;
            case TOO_LARGE -> S3ErrorCode.ENTITY_TOO_LARGE;
            case TOO_SMALL -> S3ErrorCode.ENTITY_TOO_SMALL;
            case BAD_SIGNATURE -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
        };
        return new S3Exception(code, e.getMessage());
    }

    /** Browsers send a bare name, old ones a whole path: only the last segment replaces ${filename}. */
    private static String baseName(String filename) {
        int cut = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        return filename.substring(cut + 1);
    }
}
