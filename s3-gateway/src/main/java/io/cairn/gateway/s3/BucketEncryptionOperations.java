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

    BucketEncryptionOperations(ObjectService objects) {
        this.objects = objects;
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
        if (algorithm.startsWith("aws:kms")) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Server-side encryption with KMS keys is not"
                    + " supported; use AES256.");
        }
        if (!algorithm.equals(EncryptionHeaders.AES256)) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        objects.headBucket(bucket);
        objects.putBucketConfig(bucket, ObjectEncryption.BUCKET_CONFIG, algorithm);
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        String algorithm = objects.getBucketConfig(bucket, ObjectEncryption.BUCKET_CONFIG).orElseThrow(() ->
                new S3Exception(S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND));
        return S3Response.xml(Xml.write(new Configuration(List.of(new Rule(new ByDefault(algorithm, null), false)))));
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
