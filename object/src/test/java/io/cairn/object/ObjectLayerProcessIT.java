package io.cairn.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object layer in a separate JVM: a small heap for a big object, and a writer killed mid-PUT. */
class ObjectLayerProcessIT {

    @TempDir
    Path dir;

    @Test
    void twoGibStreamingPutAndGetFitIn256MibHeap() throws Exception {
        long size = 2L << 30;
        Process p = start("-Xmx256m", "big", dir.toString(), Long.toString(size));
        List<String> out = lines(p);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("OK "));
        assertThat(out).anySatisfy(l -> assertThat(l).contains("size=" + size + " read=" + size));
    }

    @Test
    void writerKilledMidPutLeavesThePreviousVersionIntact() throws Exception {
        byte[] v1 = ObjectLayerFixture.random(3 << 20, 1);
        try (ErasureObjectService service = ObjectLayerWorkload.open(dir)) {
            service.createBucket("b");
            service.putObject("b", "k", new ByteArrayInputStream(v1), v1.length,
                    PutOptions.of(Map.of()));
        }
        Process p = start("-Xmx256m", "endless", dir.toString(), "k");
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null && !line.equals("WRITING")) {
            // wait until the writer has stripes on disk
        }
        assertThat(line).isEqualTo("WRITING");
        Thread.sleep(300);
        p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);

        try (ErasureObjectService service = ObjectLayerWorkload.open(dir)) {
            ObjectInfo info = service.headObject("b", "k", null);
            assertThat(info.size()).isEqualTo(v1.length);
            try (ObjectContent c = service.getObject("b", "k", null, null)) {
                ByteBuffer all = ByteBuffer.allocate(v1.length);
                for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                    all.put(b);
                }
                assertThat(all.array()).isEqualTo(v1);
            }
            assertThat(service.listObjects("b", new ListRequest("", null, "", 10)).objects())
                    .extracting(ObjectInfo::key).containsExactly("k");
            // only v1's shard files are committed on the drives: the killed write left nothing visible
            for (int d = 1; d <= 4; d++) {
                try (Stream<Path> s = Files.walk(dir.resolve("d" + d).resolve("b"))) {
                    assertThat(s.filter(f -> f.getFileName().toString().equals("part.1")).count()).isEqualTo(1);
                }
            }
        }
    }

    private static Process start(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                ObjectLayerWorkload.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<String> lines(Process p) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                out.add(l);
            }
        }
        return out;
    }
}
