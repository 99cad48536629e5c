package io.cairn.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 64 MiB shard in 1 MiB cells through client and node in one JVM with a 24 MiB heap and 24 MiB of direct memory. */
class LargeShardStreamTest {

    @TempDir
    Path tmp;

    @Test
    void sixtyFourMebibyteShardStreamsThroughASmallHeap() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-XX:MaxDirectMemorySize=24m", "-Djdk.nio.maxCachedBufferSize=262144", "-cp", System.getProperty("java.class.path"),
                LargeShardProcess.class.getName(), tmp.resolve("d1").toString(), Integer.toString(1 << 20), "64");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println("large shard over the node protocol: " + output.strip());
        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("OK write");
    }
}
