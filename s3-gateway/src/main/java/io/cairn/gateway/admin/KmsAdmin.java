package io.cairn.gateway.admin;

import io.cairn.gateway.crypto.KeyRing;
import io.cairn.gateway.crypto.ServerSideEncryption;
import io.cairn.object.BucketInfo;
import io.cairn.object.ListVersionsResult;
import io.cairn.object.ObjectInfo;
import io.cairn.object.ObjectNotFoundException;
import io.cairn.object.ObjectService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cairn admin kms}: the built-in key ring's keys, made and rotated on a running server. Rotation
 * adds a key version and then reseals, under it, the data key of every object version sealed under an older
 * one: metadata only, the data is never rewritten, and objects not yet resealed stay readable through the
 * versions the key keeps.
 */
final class KmsAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(KmsAdmin.class);
    private static final int PAGE = 1000;

    private final KeyRing ring;
    private final ServerSideEncryption sse;
    private final ObjectService objects;

    KmsAdmin(KeyRing ring, ServerSideEncryption sse, ObjectService objects) {
        this.ring = ring;
        this.sse = sse;
        this.objects = objects;
    }

    boolean enabled() {
        return ring.enabled();
    }

    Map<String, Object> create(String keyId) {
        return describe(ring.create(keyId));
    }

    List<Map<String, Object>> list() {
        return ring.list().stream().map(KmsAdmin::describe).toList();
    }

    /** Rotates {@code keyId}, then reseals every object version under its new version. */
    Map<String, Object> rotate(String keyId) {
        KeyRing.Key key = ring.rotate(keyId);
        long resealed = 0;
        long failed = 0;
        for (BucketInfo bucket : objects.listBuckets()) {
            String keyMarker = null;
            String versionMarker = null;
            ListVersionsResult page;
            do {
                page = objects.listObjectVersions(bucket.name(), null, null, keyMarker, versionMarker, PAGE);
                for (ListVersionsResult.Entry e : page.versions()) {
                    if (e.info().deleteMarker()) {
                        continue;
                    }
                    try {
                        resealed += reseal(e.info()) ? 1 : 0;
                    } catch (ObjectNotFoundException gone) {
                        // deleted meanwhile: nothing to reseal
                    } catch (RuntimeException ex) {
                        failed++;
                        LOG.warn("kms rotate {}: {}/{} version {} not resealed: {}", keyId, bucket.name(),
                                e.info().key(), e.info().versionId(), ex.toString());
                    }
                }
                keyMarker = page.nextKeyMarker();
                versionMarker = page.nextVersionIdMarker();
            } while (page.truncated());
        }
        Map<String, Object> doc = describe(key);
        doc.put("objectsResealed", resealed);
        doc.put("objectsFailed", failed);
        LOG.info("kms key {} rotated to version {}: {} object versions resealed, {} failed", keyId,
                key.current().number(), resealed, failed);
        return doc;
    }

    private boolean reseal(ObjectInfo listed) {
        ObjectInfo stored = objects.headObject(listed.bucket(), listed.key(), listed.versionId());
        Map<String, String> next = sse.rewrap(stored.bucket(), stored.key(), stored.metadata());
        if (next == null) {
            return false;
        }
        objects.updateMetadata(stored.bucket(), stored.key(), stored.versionId(), next);
        return true;
    }

    private static Map<String, Object> describe(KeyRing.Key key) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keyId", key.id());
        doc.put("version", key.current().number());
        doc.put("created", key.versions().get(0).created().toString());
        doc.put("rotated", key.current().created().toString());
        return doc;
    }
}
