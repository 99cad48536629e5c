package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersioningTest {

    @TempDir
    Path dir;
    ObjectLayerFixture fx;
    ObjectService s;

    @BeforeEach
    void setUp() {
        fx = new ObjectLayerFixture(dir, 2, 2, 64 * 1024);
        s = fx.service;
        s.createBucket("b");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void enabledBucketKeepsEveryVersionAndDeleteWritesAMarker() {
        s.putBucketConfig("b", "versioning", "Enabled");
        ObjectInfo v1 = fx.put("b", "k", bytes("one"));
        ObjectInfo v2 = fx.put("b", "k", bytes("two"));
        assertThat(v1.versionId()).hasSize(32).isNotEqualTo(v2.versionId());
        assertThat(v2.versionId()).isGreaterThan(v1.versionId());
        assertThat(fx.get("b", "k", null)).isEqualTo(bytes("two"));
        assertThat(read("k", v1.versionId())).isEqualTo(bytes("one"));

        DeleteResult marker = s.deleteObject("b", "k", null);
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).hasSize(32);
        assertThatThrownBy(() -> s.headObject("b", "k", null)).isInstanceOfSatisfying(ObjectNotFoundException.class,
                e -> {
                    assertThat(e.deleteMarker()).isTrue();
                    assertThat(e.versionId()).isEqualTo(marker.versionId());
                });
        assertThatThrownBy(() -> s.headObject("b", "k", marker.versionId())).isInstanceOf(DeleteMarkerException.class);
        assertThat(read("k", v2.versionId())).isEqualTo(bytes("two"));
        assertThat(s.listObjects("b", new ListRequest("", null, "", 10)).objects()).isEmpty();

        ListVersionsResult all = s.listObjectVersions("b", "", null, null, null, 100);
        assertThat(all.versions()).extracting(e -> e.info().versionId())
                .containsExactly(marker.versionId(), v2.versionId(), v1.versionId());
        assertThat(all.versions()).extracting(ListVersionsResult.Entry::latest).containsExactly(true, false, false);
        assertThat(all.versions().get(0).info().deleteMarker()).isTrue();

        // removing the marker by id brings v2 back
        DeleteResult removed = s.deleteObject("b", "k", marker.versionId());
        assertThat(removed.deleteMarker()).isTrue();
        assertThat(fx.get("b", "k", null)).isEqualTo(bytes("two"));
        // deleting a version permanently removes its shards
        s.deleteObject("b", "k", v1.versionId());
        assertThatThrownBy(() -> read("k", v1.versionId())).isInstanceOf(VersionNotFoundException.class);
        for (int d = 0; d < 4; d++) {
            assertThat(fx.shardFiles(d)).hasSize(1);
        }
        assertThatThrownBy(() -> s.deleteBucket("b")).isInstanceOf(BucketNotEmptyException.class);
    }

    @Test
    void suspendedBucketReplacesTheNullVersionAndKeepsOthers() {
        ObjectInfo nullV = fx.put("b", "k", bytes("null-1"));
        assertThat(nullV.versionId()).isEqualTo("null");
        s.putBucketConfig("b", "versioning", "Enabled");
        ObjectInfo v = fx.put("b", "k", bytes("versioned"));
        s.putBucketConfig("b", "versioning", "Suspended");
        ObjectInfo n2 = fx.put("b", "k", bytes("null-2"));
        assertThat(n2.versionId()).isEqualTo("null");
        assertThat(s.listObjectVersions("b", "", null, null, null, 10).versions())
                .extracting(e -> e.info().versionId()).containsExactly("null", v.versionId());
        assertThat(read("k", "null")).isEqualTo(bytes("null-2"));
        DeleteResult d = s.deleteObject("b", "k", null);
        assertThat(d.deleteMarker()).isTrue();
        assertThat(d.versionId()).isEqualTo("null");
        assertThat(s.listObjectVersions("b", "", null, null, null, 10).versions())
                .extracting(e -> e.info().versionId() + (e.info().deleteMarker() ? "*" : ""))
                .containsExactly("null*", v.versionId());
    }

    @Test
    void listVersionsPagesWithKeyAndVersionMarkers() {
        s.putBucketConfig("b", "versioning", "Enabled");
        for (String k : List.of("a", "b/1", "b/2", "c")) {
            fx.put("b", k, bytes(k + "1"));
            fx.put("b", k, bytes(k + "2"));
        }
        StringBuilder seen = new StringBuilder();
        String km = null;
        String vm = null;
        int pages = 0;
        while (true) {
            ListVersionsResult r = s.listObjectVersions("b", "", null, km, vm, 3);
            r.versions().forEach(e -> seen.append(e.info().key()).append(e.latest() ? "+" : "-").append(' '));
            pages++;
            if (!r.truncated()) {
                break;
            }
            km = r.nextKeyMarker();
            vm = r.nextVersionIdMarker();
        }
        assertThat(seen.toString().trim()).isEqualTo("a+ a- b/1+ b/1- b/2+ b/2- c+ c-");
        assertThat(pages).isEqualTo(3);
        ListVersionsResult grouped = s.listObjectVersions("b", "", "/", null, null, 100);
        assertThat(grouped.commonPrefixes()).containsExactly("b/");
        assertThat(grouped.versions()).extracting(e -> e.info().key()).containsExactly("a", "a", "c", "c");
    }

    @Test
    void invalidVersionIdIsRefused() {
        assertThatThrownBy(() -> s.headObject("b", "k", "../x")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> s.deleteObject("b", "k", "zz")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> s.headObject("b", "k", "0123456789abcdef0123456789abcdef"))
                .isInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void multipartCompletionCreatesAVersion() {
        s.putBucketConfig("b", "versioning", "Enabled");
        ObjectInfo first = fx.put("b", "m", bytes("plain"));
        String id = s.createMultipartUpload("b", "m", Map.of());
        PartInfo p = s.uploadPart("b", "m", id, 1, new ByteArrayInputStream(bytes("part")), 4, Map.of());
        ObjectInfo done = s.completeMultipartUpload("b", "m", id, List.of(new CompletedPart(1, p.etag())),
                PutOptions.of(Map.of()));
        assertThat(done.versionId()).hasSize(32).isNotEqualTo(first.versionId());
        assertThat(read("m", first.versionId())).isEqualTo(bytes("plain"));
        assertThat(fx.get("b", "m", null)).isEqualTo(bytes("part"));
    }

    private byte[] read(String key, String versionId) {
        try (ObjectContent c = s.getObject("b", key, versionId, null)) {
            ByteBuffer all = ByteBuffer.allocate((int) c.length());
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                all.put(b);
            }
            return all.array();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
