package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerOptionsTest {

    @Test
    void parsesSizes() {
        assertThat(Sizes.parse("1MiB")).isEqualTo(1048576);
        assertThat(Sizes.parse("512KiB")).isEqualTo(524288);
        assertThat(Sizes.parse("64k")).isEqualTo(65536);
        assertThat(Sizes.parse("4096")).isEqualTo(4096);
        assertThatThrownBy(() -> Sizes.parse("lots")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sizes.parse("0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesAddresses() {
        assertThat(Addresses.parse("127.0.0.1:9000").getHostString()).isEqualTo("127.0.0.1");
        assertThat(Addresses.parse("127.0.0.1:9000").getPort()).isEqualTo(9000);
        assertThat(Addresses.parse("[::1]:80").getHostString()).isEqualTo("::1");
        assertThat(Addresses.parse(":9001").getHostString()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> Addresses.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesASchemeThatDoesNotMatchTheDrives() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CairnCommand());
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("cairn: " + e.getMessage());
            return 2;
        });
        int code = cli.execute("server", "--drives", "3", "--scheme", "2+2", "--address", "127.0.0.1:0",
                "--data", System.getProperty("java.io.tmpdir") + "/cairn-cli-test");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("scheme 2+2 needs 4 drives, got 3");
    }
}
