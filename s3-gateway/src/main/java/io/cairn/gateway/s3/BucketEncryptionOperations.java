package io.cairn.gateway.s3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.Xml;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Put/Get/DeleteBucketEncryption: the bucket's default encryption, applied to new objects and uploads
 * that ask for none. Only SSE-S3 (AES256) can be a default (as in AWS, SSE-C cannot); without a
 * configuration the bucket has no default and Get answers 404, as AWS did before default encryption.
 */
final class BucketEncryptionOperations implements OperationFamily {

    private final ObjectService objects;
    private final ObjectEncryption encryption;

    BucketEncryptionOperations(ObjectService objects, ObjectEncryption encryption) {
        this.objects = objects;
        this.encryption = encryption;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutBucketEncryption, this::put);
        table.put(S3Operation.GetBucketEncryption, this::get);
        table.put(S3Operation.DeleteBucketEncryption, this::delete);
    }

    private S3Response put(S3Call call) throws IOException {
        String bucket = call.request().bucket();
        Configuration config = Xml.read(call.body(), BucketOperations.MAX_CONFIG_XML, Configuration.class);
        if (config.rules() == null || config.rules().size() != 1 || config.rules().get(0).byDefault() == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        String algorithm = config.rules().get(0).byDefault().algorithm();
        if (algorithm == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        String kmsKeyId = config.rules().get(0).byDefault().kmsKeyId();
        if (algorithm.equals(EncryptionHeaders.KMS)) {
            kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? EncryptionHeaders.DEFAULT_KMS_KEY
                    : EncryptionHeaders.keyName(kmsKeyId);
            encryption.requireKmsKey(kmsKeyId);
        } else if (algorithm.startsWith(EncryptionHeaders.KMS)) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Dual-layer server-side encryption with KMS keys is"
                    + " not supported; use aws:kms or AES256.");
        } else if (!algorithm.equals(EncryptionHeaders.AES256) || kmsKeyId != null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        objects.headBucket(bucket);
        objects.putBucketConfig(bucket, ObjectEncryption.BUCKET_CONFIG, ObjectEncryption.bucketDefault(algorithm,
                kmsKeyId));
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String stored = objects.getBucketConfig(bucket, ObjectEncryption.BUCKET_CONFIG).orElseThrow(() ->
                new S3Exception(S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND));
        String kms = ObjectEncryption.kmsDefault(stored);
        ByDefault byDefault = kms == null ? new ByDefault(stored, null) : new ByDefault(EncryptionHeaders.KMS, kms);
        return S3Response.xml(Xml.write(new Configuration(List.of(new Rule(byDefault, false)))));
    }

    private S3Response delete(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        objects.deleteBucketConfig(bucket, ObjectEncryption.BUCKET_CONFIG);
        return S3Response.noContent();
    }

    @JacksonXmlRootElement(localName = "ServerSideEncryptionConfiguration")
    record Configuration(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule")
                         List<Rule> rules) {
    }

    @JsonPropertyOrder({"ApplyServerSideEncryptionByDefault", "BucketKeyEnabled"})
    record Rule(@JacksonXmlProperty(localName = "ApplyServerSideEncryptionByDefault") ByDefault byDefault,
                @JacksonXmlProperty(localName = "BucketKeyEnabled") Boolean bucketKeyEnabled) {
    }

    @JsonPropertyOrder({"SSEAlgorithm", "KMSMasterKeyID"})
    record ByDefault(@JacksonXmlProperty(localName = "SSEAlgorithm") String algorithm,
                     @JacksonXmlProperty(localName = "KMSMasterKeyID") String kmsKeyId) {
    }
}
