package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitListenersTest {

    @TempDir
    Path dir;

    @Test
    void everyCommittedVersionIsAnnouncedOnceAndFailedWritesNever() throws Exception {
        try (ObjectLayerFixture f = new ObjectLayerFixture(dir, 2, 1, 4096)) {
            List<ObjectInfo> heard = new CopyOnWriteArrayList<>();
            f.service.addCommitListener(heard::add);
            f.service.addCommitListener(info -> {
                throw new IllegalStateException("a broken listener must not fail the write");
            });
            f.service.createBucket("b");
            ObjectInfo put = f.put("b", "one", ObjectLayerFixture.random(10_000, 1));

            String upload = f.service.createMultipartUpload("b", "multi", Map.of());
            PartInfo p1 = f.service.uploadPart("b", "multi", upload, 1,
                    new ByteArrayInputStream(ObjectLayerFixture.random(2048, 2)), 2048, Map.of());
            ObjectInfo multi = f.service.completeMultipartUpload("b", "multi", upload,
                    List.of(new CompletedPart(1, p1.etag())), PutOptions.of(Map.of()));

            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("client went away");
                }
            };
            assertThatThrownBy(() -> f.service.putObject("b", "broken", failing, 100, PutOptions.of(Map.of())))
                    .isInstanceOf(ObjectLayerException.class);
            assertThatThrownBy(() -> f.service.putObject("b", "one", new ByteArrayInputStream(new byte[3]), 3,
                    new PutOptions(Map.of(), true, null))).isInstanceOf(PreconditionFailedException.class);

            assertThat(heard).extracting(ObjectInfo::key).containsExactly("one", "multi");
            assertThat(heard.get(0).etag()).isEqualTo(put.etag());
            assertThat(heard.get(1).etag()).isEqualTo(multi.etag());
            assertThat(heard.get(1).size()).isEqualTo(2048);
        }
    }
}
