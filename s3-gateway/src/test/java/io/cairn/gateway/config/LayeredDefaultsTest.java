package io.cairn.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class LayeredDefaultsTest {

    @Command(name = "t")
    static final class Options {
        @Option(names = "--port", defaultValue = "9000")
        int port;

        @Option(names = "--stripe-size", defaultValue = "1MiB")
        String stripeSize;

        @Option(names = "--region", defaultValue = "us-east-1")
        String region;

        @Option(names = "--access-log", arity = "1", defaultValue = "true")
        boolean accessLog;
    }

    private static Options parse(Map<String, String> env, Map<String, String> file, String... args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        LayeredDefaults d = new LayeredDefaults(env, file, Path.of("cairn.conf"));
        d.checkFileKeys(cli.getCommandSpec());
        cli.setDefaultValueProvider(d);
        cli.parseArgs(args);
        return o;
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() {
        Map<String, String> file = Map.of("port", "7000", "stripe-size", "64KiB", "region", "file-region");
        Map<String, String> env = Map.of("CAIRN_PORT", "8000", "CAIRN_STRIPE_SIZE", "256KiB");
        Options o = parse(env, file, "--port", "9100");
        assertThat(o.port).isEqualTo(9100);
        assertThat(o.stripeSize).isEqualTo("256KiB");
        assertThat(o.region).isEqualTo("file-region");
        assertThat(o.accessLog).isTrue();

        Options none = parse(Map.of(), Map.of());
        assertThat(none.port).isEqualTo(9000);
        assertThat(none.region).isEqualTo("us-east-1");
        assertThat(parse(Map.of("CAIRN_ACCESS_LOG", "false"), Map.of()).accessLog).isFalse();
    }

    @Test
    void aBadValueFromTheEnvironmentFailsNamingTheOptionAndItsSource() {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        LayeredDefaults d = new LayeredDefaults(Map.of("CAIRN_PORT", "lots"), Map.of(), null);
        cli.setDefaultValueProvider(d);
        assertThatThrownBy(() -> cli.parseArgs()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--port").hasMessageContaining("lots");
        assertThat(d.sourceOf("--port")).isEqualTo("environment variable CAIRN_PORT");
    }

    @Test
    void theFileRefusesUnknownOptionsAndMalformedLines() {
        assertThatThrownBy(() -> parse(Map.of(), Map.of("prot", "1")))
                .hasMessage("--config: cairn.conf: unknown option 'prot'");
        assertThat(ConfigFile.parse(List.of("# comment", "", " port = 9000 ", "region=a=b"), "f"))
                .containsExactly(Map.entry("port", "9000"), Map.entry("region", "a=b"));
        assertThatThrownBy(() -> ConfigFile.parse(List.of("port 9000"), "f"))
                .hasMessage("--config: f line 1: expected option = value");
        assertThatThrownBy(() -> ConfigFile.parse(List.of("port=1", "port=2"), "f"))
                .hasMessage("--config: f line 2: port set twice");
    }

    @Test
    void locatesTheFileByFlagOrEnvironment() {
        assertThat(ConfigFile.locate(new String[] {"server", "--config", "a.conf"}, Map.of())).isEqualTo(Path.of("a.conf"));
        assertThat(ConfigFile.locate(new String[] {"--config=b.conf"}, Map.of("CAIRN_CONFIG", "c"))).isEqualTo(Path.of("b.conf"));
        assertThat(ConfigFile.locate(new String[0], Map.of("CAIRN_CONFIG", "c.conf"))).isEqualTo(Path.of("c.conf"));
        assertThat(ConfigFile.locate(new String[0], Map.of())).isNull();
        assertThat(LayeredDefaults.envName("--metrics-address")).isEqualTo("CAIRN_METRICS_ADDRESS");
    }
}
