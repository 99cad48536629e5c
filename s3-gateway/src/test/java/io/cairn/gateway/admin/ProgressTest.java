package io.cairn.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void notATerminalPrintsPlainLinesEveryTenSecondsAndTheLastOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress("heal", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8), false, now::get);
        now.set(5 * SECOND);
        p.advance(100);
        now.set(10 * SECOND);
        p.advance(100);
        now.set(20 * SECOND);
        p.advance(800);
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                heal: 200/1000 (20.0%), 20.0/s, ETA 40s
                heal: 1000/1000 (100.0%), 50.0/s, elapsed 20s
                heal: 1000/1000 (100.0%), 50.0/s, elapsed 20s
                """);
    }

    @Test
    void aTerminalRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress("scan", 0, new PrintStream(bytes, true, StandardCharsets.UTF_8), true, now::get);
        now.set(SECOND);
        p.advance(5);
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rscan: 5, 5.0/s, elapsed 1s\u001b[K\rscan: 5, 5.0/s, elapsed 1s\u001b[K\n");
        assertThat(Progress.duration(3725)).isEqualTo("1h02m05s");
    }
}
