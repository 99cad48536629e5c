package io.cairn.gateway.notify;

import io.cairn.gateway.s3.OperationFamily;
import io.cairn.gateway.s3.OperationHandler;
import io.cairn.gateway.s3.S3Call;
import io.cairn.gateway.s3.S3Operation;
import io.cairn.gateway.s3.S3Response;
import io.cairn.gateway.xml.Xml;
import io.cairn.object.ObjectService;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * PutBucketNotificationConfiguration and GetBucketNotificationConfiguration over the bucket's
 * "notification" configuration document. A document is checked against the targets this server has; an empty
 * one removes the configuration.
 */
public final class NotificationOperations implements OperationFamily {

    private static final int MAX_DOCUMENT = 64 * 1024;

    private final ObjectService objects;
    private final NotificationTargets targets;
    private final String region;
    private final NotificationRules rules;

    NotificationOperations(ObjectService objects, NotificationTargets targets, String region, NotificationRules rules) {
        this.objects = objects;
        this.targets = targets;
        this.region = region;
        this.rules = rules;
    }

    /** The operations of a server without targets: configurations can be read, and only emptied. */
    public static NotificationOperations withoutTargets(ObjectService objects, String region) {
        return new NotificationOperations(objects, NotificationTargets.none(), region, null);
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.PutBucketNotificationConfiguration, this::put);
        table.put(S3Operation.GetBucketNotificationConfiguration, this::get);
    }

    private S3Response put(S3Call call) throws Exception {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        NotificationConfiguration config = Xml.read(call.body(), MAX_DOCUMENT, NotificationConfiguration.class)
                .validate(targets.arns(), region);
        if (config.isEmpty()) {
            objects.deleteBucketConfig(bucket, NotificationRules.CONFIG);
        } else {
            objects.putBucketConfig(bucket, NotificationRules.CONFIG,
                    new String(Xml.write(config), StandardCharsets.UTF_8));
        }
        if (rules != null) {
            rules.invalidate(bucket);
        }
        return S3Response.ok();
    }

    private S3Response get(S3Call call) {
        String bucket = call.request().bucket();
        objects.headBucket(bucket);
        return S3Response.xml(objects.getBucketConfig(bucket, NotificationRules.CONFIG)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> Xml.write(new NotificationConfiguration(null, null, null))));
    }
}
