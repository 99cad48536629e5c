package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

class ListIT {

    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster(2, 2);
    static final String BUCKET = "listing";
    /** 5 top-level keys, 3 "directories" (a/, b/, c/) with 3 keys each. */
    static final List<String> KEYS = List.of("a/1", "a/2", "a/3", "b/1", "b/2", "b/3", "c/1", "c/2", "c/3",
            "k1", "k2", "k3", "k4", "k5");

    @BeforeAll
    static void fill() {
        S3Client s3 = cluster.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        for (String k : KEYS) {
            s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString(k));
        }
    }

    @Test
    void v2PaginatesWithDelimiter() {
        S3Client s3 = cluster.s3();
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/").maxKeys(3)
                    .continuationToken(t));
            pages++;
            assertThat(page.keyCount()).isEqualTo(page.contents().size() + page.commonPrefixes().size());
            assertThat(page.keyCount()).isLessThanOrEqualTo(3);
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertThat(prefixes).containsExactly("a/", "b/", "c/");
        assertThat(keys).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(pages).isEqualTo(3);

        ListObjectsV2Response inDir = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("b/").startAfter("b/1"));
        assertThat(inDir.contents()).extracting(S3Object::key).containsExactly("b/2", "b/3");
        assertThat(inDir.isTruncated()).isFalse();
        assertThat(inDir.contents().get(0).size()).isEqualTo(3);
        assertThat(inDir.contents().get(0).eTag()).startsWith("\"");
    }

    @Test
    void v2PaginatorSeesEveryKey() {
        List<String> all = cluster.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).maxKeys(4)).contents()
                .stream().map(S3Object::key).toList();
        assertThat(all).containsExactlyElementsOf(KEYS);
    }

    @Test
    void v1MarkersAndUrlEncoding() {
        S3Client s3 = cluster.s3();
        ListObjectsResponse first = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(2).delimiter("/"));
        assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "b/");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextMarker()).isEqualTo("b/");
        ListObjectsResponse second = s3.listObjects(b -> b.bucket(BUCKET).marker("b/").delimiter("/"));
        assertThat(second.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("c/");
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(second.contents().get(0).owner().displayName()).isEqualTo(LocalCluster.ACCESS_KEY);
    }

    @Test
    void deleteObjectsQuietReportsNothingButErrors() {
        S3Client s3 = cluster.s3WhenRequired();
        s3.createBucket(b -> b.bucket("deletes"));
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String k = "d/" + i;
            s3.putObject(b -> b.bucket("deletes").key(k), RequestBody.fromString("x"));
            ids.add(ObjectIdentifier.builder().key(k).build());
        }
        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket("deletes")
                .delete(d -> d.objects(ids.subList(0, 10)).quiet(true)));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        DeleteObjectsResponse loud = cluster.s3().deleteObjects(b -> b.bucket("deletes")
                .delete(d -> d.objects(ids.subList(10, 20))));
        assertThat(loud.deleted()).hasSize(10);
        assertThat(s3.listObjectsV2(b -> b.bucket("deletes")).keyCount()).isZero();
    }
}
