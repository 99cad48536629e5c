package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerConfigTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new CairnCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return CairnCommand.run(args, env, cli);
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndThePrecedence() {
        assertThat(run(Map.of(), "server", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--address=<address>", "(127.0.0.1:9000)", "--drives=<driveCount>", "(4)",
                "--scheme=<scheme>", "--stripe-size=<stripeSize>", "(1MiB)", "--access-log=true|false",
                "(true)", "--metrics-token=TOKEN", "--metrics-address=HOST:PORT", "--config=FILE",
                "Precedence: flag > environment variable > config file > built-in default", "CAIRN_STRIPE_SIZE");
    }

    @Test
    void helpShowsValuesFromTheEnvironmentAsDefaults() {
        assertThat(run(Map.of("CAIRN_DRIVES", "6"), "server", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("(6)");
    }

    @Test
    void aBadValueFromTheEnvironmentFailsWithOneLineNamingOptionAndSource() {
        assertThat(run(Map.of("CAIRN_DRIVES", "four"), "server")).isEqualTo(2);
        String first = err.toString().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("cairn: ").contains("--drives", "four", "(from environment variable CAIRN_DRIVES)");
    }

    @Test
    void aBadAddressFromTheConfigFileNamesOptionAndFile(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("cairn.conf"), "metrics-address = nowhere\ndata = "
                + dir.resolve("data") + "\naccess-log = false\n");
        assertThat(run(Map.of(), "server", "--config", conf.toString(), "--address", "127.0.0.1:0")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cairn: --metrics-address must be HOST:PORT: nowhere (from config file "
                + conf + ")");
    }

    @Test
    void anUnknownOptionInTheConfigFileFailsAtStart(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("c.conf"), "drivez = 4\n");
        assertThat(run(Map.of("CAIRN_CONFIG", conf.toString()), "server")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cairn: --config: " + conf + ": unknown option 'drivez'");
    }
}
