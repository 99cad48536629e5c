package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecretEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void eachSecretMayComeFromTheFileItsFileVariableNames() throws Exception {
        Path user = Files.writeString(dir.resolve("user"), "admin\n");
        Path password = Files.writeString(dir.resolve("password"), "pass word \r\n");
        Path secret = Files.writeString(dir.resolve("secret"), "0123456789abcdef0123");
        Map<String, String> env = SecretEnvironment.resolve(Map.of(
                "CAIRN_ROOT_USER_FILE", user.toString(),
                "CAIRN_ROOT_PASSWORD_FILE", password.toString(),
                "CAIRN_CLUSTER_SECRET_FILE", secret.toString(),
                "CAIRN_DRIVES", "4"));
        assertThat(env).containsEntry("CAIRN_ROOT_USER", "admin")
                .containsEntry("CAIRN_ROOT_PASSWORD", "pass word ")
                .containsEntry("CAIRN_CLUSTER_SECRET", "0123456789abcdef0123")
                .containsEntry("CAIRN_DRIVES", "4");
    }

    @Test
    void onlySecretsAreReadFromFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("x"), "6");
        assertThat(SecretEnvironment.resolve(Map.of("CAIRN_DRIVES_FILE", file.toString())))
                .doesNotContainKey("CAIRN_DRIVES");
    }

    @Test
    void aValueAndAFileForOneSecretAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("p"), "from-file-123");
        assertThatThrownBy(() -> SecretEnvironment.resolve(Map.of("CAIRN_ROOT_PASSWORD", "from-env-123",
                "CAIRN_ROOT_PASSWORD_FILE", file.toString())))
                .hasMessage("set CAIRN_ROOT_PASSWORD or CAIRN_ROOT_PASSWORD_FILE, not both");
    }

    @Test
    void aMissingOrEmptyFileIsRefusedNamingTheVariable() throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> SecretEnvironment.resolve(Map.of("CAIRN_CLUSTER_SECRET_FILE", missing.toString())))
                .hasMessageStartingWith("CAIRN_CLUSTER_SECRET_FILE: cannot read " + missing);
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> SecretEnvironment.resolve(Map.of("CAIRN_CLUSTER_SECRET_FILE", empty.toString())))
                .hasMessage("CAIRN_CLUSTER_SECRET_FILE: " + empty + " is empty");
    }

    @Test
    void aMetricsTokenFromAFileReachesTheServerOption() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "tok-from-file\n");
        CommandLine cli = new CommandLine(new CairnCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        ServerCommand server = (ServerCommand) cli.getSubcommands().get("server").getCommandSpec().userObject();
        // --help parses everything and runs nothing, so the option's value can be read afterwards.
        CairnCommand.run(new String[] {"server", "--help"}, Map.of("CAIRN_METRICS_TOKEN_FILE", token.toString()), cli);
        assertThat(server.metricsToken).isEqualTo("tok-from-file");
    }
}
