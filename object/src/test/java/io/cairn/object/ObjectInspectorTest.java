package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectInspectorTest {

    @TempDir
    Path dir;

    @Test
    void reportsHealthyDamagedAndUnreadableObjects() {
        try (ObjectLayerFixture fx = new ObjectLayerFixture(dir, 2, 2, 1 << 20)) {
            fx.service.createBucket("b");
            fx.put("b", "k", ObjectLayerFixture.random(3 << 20, 1));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = run("k", buf);
        assertThat(code).isEqualTo(ObjectInspector.OK);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("\"versionId\":\"null\"", "every shard verified");

        try (ObjectLayerFixture fx = new ObjectLayerFixture(dir, 2, 2, 1 << 20)) {
            fx.flipBytes(2);
        }
        buf.reset();
        assertThat(run("k", buf)).isEqualTo(ObjectInspector.DAMAGED);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("DAMAGED");

        buf.reset();
        assertThat(run("nothing", buf)).isEqualTo(ObjectInspector.UNREADABLE);
        assertThat(buf.toString(StandardCharsets.UTF_8)).startsWith("absent");
    }

    private int run(String key, ByteArrayOutputStream buf) {
        return ObjectInspector.run(List.of(dir.resolve("d1"), dir.resolve("d2"), dir.resolve("d3"),
                dir.resolve("d4")), 2, 2, "b", key, new PrintStream(buf, true, StandardCharsets.UTF_8));
    }
}
