package io.cairn.gateway.s3;

import io.cairn.gateway.crypto.SseMetadata;
import io.cairn.object.ListVersionsResult;
import io.cairn.object.ObjectService;
import io.cairn.gateway.xml.ListBucketResult;
import io.cairn.gateway.xml.ListVersionsResultDocument;
import io.cairn.gateway.xml.Owner;
import io.cairn.gateway.xml.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** ListObjectVersions. (Get/PutBucketVersioning live with the other bucket configuration.) */
final class VersionOperations implements OperationFamily {

    private final ObjectService objects;

    VersionOperations(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public void register(Map<S3Operation, OperationHandler> table) {
        table.put(S3Operation.ListObjectVersions, this::list);
    }

    private S3Response list(S3Call call) {
        S3Request req = call.request();
        int maxKeys = ListOperations.maxKeys(req);
        String encodingType = req.param("encoding-type");
        if (encodingType != null && !encodingType.equalsIgnoreCase("url")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
        }
        UnaryOperator<String> enc = encodingType == null ? s -> s : ListOperations::urlEncode;
        String prefix = req.param("prefix");
        String delimiter = req.param("delimiter");
        String keyMarker = req.param("key-marker");
        String versionIdMarker = req.param("version-id-marker");
        if (versionIdMarker != null && !versionIdMarker.isEmpty() && (keyMarker == null || keyMarker.isEmpty())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "A version-id marker cannot be specified without a key marker.");
        }
        ListVersionsResult page = objects.listObjectVersions(req.bucket(), prefix, delimiter, keyMarker,
                versionIdMarker, maxKeys);
        Owner owner = Owners.of(call.accessKey());
        List<ListVersionsResultDocument.Version> versions = new ArrayList<>();
        List<ListVersionsResultDocument.DeleteMarker> markers = new ArrayList<>();
        for (ListVersionsResult.Entry e : page.versions()) {
            var o = SseMetadata.plainView(e.info());
            if (o.deleteMarker()) {
                markers.add(new ListVersionsResultDocument.DeleteMarker(enc.apply(o.key()), o.versionId(),
                        e.latest(), Xml.timestamp(o.lastModified()), owner));
            } else {
                versions.add(new ListVersionsResultDocument.Version(enc.apply(o.key()), o.versionId(), e.latest(),
                        Xml.timestamp(o.lastModified()), ETags.quote(o.etag()), o.size(), owner, "STANDARD"));
            }
        }
        List<ListBucketResult.CommonPrefix> prefixes = page.commonPrefixes().stream()
                .map(p -> new ListBucketResult.CommonPrefix(enc.apply(p))).toList();
        ListVersionsResultDocument doc = new ListVersionsResultDocument(req.bucket(), enc.apply(nz(prefix)),
                enc.apply(nz(keyMarker)), nz(versionIdMarker), enc.apply(page.nextKeyMarker()),
                page.nextVersionIdMarker(), maxKeys, enc.apply(delimiter == null || delimiter.isEmpty() ? null
                : delimiter), encodingType == null ? null : "url", page.truncated(), versions, markers, prefixes);
        return S3Response.xml(Xml.write(doc));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
