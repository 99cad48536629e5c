package io.cairn.erasure.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CodecBenchTest {

    @Test
    void printsOneLinePerMeasurementInTheDocumentedForm() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodecBench.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new String[] {"seconds=0.05", "ws_mib=1", "kernel=scalar", "memory=direct"});
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("codec kernel=SCALAR memory=direct ws=1MiB");
        assertThat(lines[1]).matches("codec encode 4\\+2 stripe=1MiB: [1-9][0-9]* MiB/s");
        assertThat(lines[2]).matches("codec encode 8\\+4 stripe=1MiB: [1-9][0-9]* MiB/s");
        assertThat(lines[3]).matches("codec encode 12\\+4 stripe=1MiB: [1-9][0-9]* MiB/s");
        assertThat(lines[4]).matches("codec reconstruct 8\\+4 lost=4: [1-9][0-9]* MiB/s");
    }

    /** A JVM without the Vector API module must fall back to the scalar kernel, not fail to link. */
    @Test
    void withoutTheVectorModuleAutoRunsTheScalarKernel() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(CodecBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(java, "-cp", classes, CodecBench.class.getName(), "seconds=0.02", "ws_mib=1")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("codec kernel=SCALAR memory=heap ws=1MiB\n");
        assertThat(output).contains("codec encode 8+4 stripe=1MiB: ");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> CodecBench.run(System.out, new String[] {"speed=9"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown option speed=9");
    }
}
