package io.cairn.erasure.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> CodecBench.run(System.out, new String[] {"speed=9"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown option speed=9");
    }
}
