package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.MasterKey;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.object.ObjectService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches routed, authenticated calls to the operation families and turns every failure into an S3
 * error response. Before a family runs, the caller must be allowed to act on the request's bucket (and on
 * a copy's source object): see {@link BucketAccess}. Each family is an {@link OperationFamily}: this
 * package's are built here, the others are passed in by the code that builds this object.
 */
public final class S3Api {

    private static final Logger LOG = LoggerFactory.getLogger(S3Api.class);

    private final Map<S3Operation, OperationHandler> handlers;
    private final BucketAccess access;
    private final EncryptedUploads uploads;

    /** Only this package's families, with a random master key: SSE-S3 objects do not survive this object. */
    public S3Api(ObjectService objects, String region) {
        this(objects, region, MasterKey.ephemeral(), List.of());
    }

    /**
     * This package's families plus {@code families}, which live in packages of their own (CORS, ...). No two
     * families may serve the same operation: one would silently replace the other's handler.
     */
    public S3Api(ObjectService objects, String region, MasterKey masterKey, List<? extends OperationFamily> families) {
        this(objects, region, new ServerSideEncryption(masterKey), families);
    }

    /** The same with the server's encryption (master key and, for SSE-KMS, its key ring). */
    public S3Api(ObjectService objects, String region, ServerSideEncryption sse,
                 List<? extends OperationFamily> families) {
        ObjectEncryption encryption = new ObjectEncryption(objects, sse);
        this.uploads = new EncryptedUploads(encryption);
        BucketOwners owners = new BucketOwners(objects);
        BucketSettings settings = new BucketSettings(objects);
        AclSettings acls = new AclSettings(settings, owners);
        this.access = new BucketAccess(objects, owners, settings);
        List<OperationFamily> all = new ArrayList<>(List.of(
                new BucketOperations(objects, region, owners, settings),
                new ObjectReadOperations(objects, encryption),
                new ObjectWriteOperations(objects, encryption, acls),
                new ListOperations(objects),
                new DeleteObjectsOperation(objects, access),
                new MultipartOperations(objects, encryption, acls),
                new CopyOperations(objects, encryption, acls),
                new BucketEncryptionOperations(objects, encryption),
                new BucketOwnershipOperations(objects, settings),
                new TaggingOperations(objects),
                new AclOperations(objects, owners, acls),
                new PolicyOperations(objects, settings),
                new PublicAccessBlockOperations(objects, settings),
                new ObjectAttributesOperation(objects),
                new VersionOperations(objects),
                new ObjectLockOperations(objects, Clock.systemUTC())));
        all.addAll(families);
        this.handlers = table(all);
    }

    private static Map<S3Operation, OperationHandler> table(List<OperationFamily> families) {
        Map<S3Operation, OperationHandler> table = new EnumMap<>(S3Operation.class);
        for (OperationFamily family : families) {
            Map<S3Operation, OperationHandler> served = new EnumMap<>(S3Operation.class);
            family.register(served);
            served.forEach((op, handler) -> {
                if (table.putIfAbsent(op, handler) != null) {
                    throw new IllegalArgumentException(op + " is served by two operation families");
                }
            });
        }
        return Collections.unmodifiableMap(table);
    }

    /** Runs the call; never throws: failures become S3 error responses. */
    public S3Response handle(S3Call call) {
        S3Request request = call.request();
        OperationHandler handler = handlers.get(request.operation());
        try {
            if (handler == null) {
                throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                        request.operation() == S3Operation.Unknown
                                ? S3ErrorCode.NOT_IMPLEMENTED.defaultMessage()
                                : request.operation() + " is not implemented.");
            }
            authorize(call);
            return handler.handle(call);
        } catch (Throwable t) {
            return error(t, request.resource(), request.requestId(), request.method().equals("HEAD"));
        }
    }

    /**
     * Every operation on a bucket or its objects is authorised by {@link BucketAccess}: root, the bucket
     * policy, the owner, ACLs. ListBuckets shows only the caller's buckets and CreateBucket refuses another's
     * name by themselves; anonymous callers may do neither.
     */
    private void authorize(S3Call call) {
        access.authorize(call);
    }

    /** Server-side encryption as this API applies it, for uploads that arrive outside the S3 operations. */
    public EncryptedUploads encryptedUploads() {
        return uploads;
    }

    /** The error response for a failure at any stage of a request (routing, authentication, operation). */
    public S3Response error(Throwable t, String resource, String requestId, boolean head) {
        S3Error error = S3ExceptionMapper.map(t);
        if (error.code() == S3ErrorCode.INTERNAL_ERROR) {
            LOG.error("request {} on {} failed unexpectedly", requestId, resource, t);
        } else {
            LOG.debug("request {} on {}: {} ({})", requestId, resource, error.code().code(), t.toString());
        }
        return ErrorResponses.of(error, resource, requestId, head);
    }
}
