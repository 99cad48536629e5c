package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.cli.CairnCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No Docker engine runs where these tests run, so this checks what can be checked without one: the compose
 * file's command lines are the process-level tests' command line (same flags in the same order), parse as
 * {@code cairn} arguments, and are documented in docs/CLUSTER.md; the image runs the JVM with the flags the
 * tests give every node.
 */
class DockerComposeClusterIT {

    private static final Path ROOT = Path.of("..");

    @Test
    void composeCommandsAreTheTestedCommandLineAndDocumented() throws Exception {
        List<List<String>> commands = composeCommands();
        assertThat(commands).hasSize(4);
        List<String> testedFlags;
        try (ProcessCluster cluster = new ProcessCluster(4, 2)) {
            testedFlags = flags(cluster.arguments(1));
        }
        String docs = Files.readString(ROOT.resolve("docs/CLUSTER.md"), StandardCharsets.UTF_8);
        List<String> nodeIds = new ArrayList<>();
        for (List<String> command : commands) {
            assertThat(command.get(0)).isEqualTo("server");
            assertThat(flags(command)).isEqualTo(testedFlags);
            CommandLine.ParseResult parsed = new CommandLine(new CairnCommand())
                    .parseArgs(command.toArray(String[]::new));
            CommandLine.ParseResult server = parsed.subcommand();
            assertThat(server.commandSpec().name()).isEqualTo("server");
            assertThat(server.matchedOptionValue("--peers", ""))
                    .isEqualTo("cairn1:9100,cairn2:9100,cairn3:9100,cairn4:9100");
            nodeIds.add(server.matchedOptionValue("--node-id", ""));
            for (String flag : flags(command)) {
                assertThat(docs).as("docs/CLUSTER.md documents %s", flag).contains("`" + flag);
            }
        }
        assertThat(nodeIds).containsExactly("node1", "node2", "node3", "node4");
    }

    @Test
    void imageRunsTheNodeJvmFlagsAndPublishesOneS3Port() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        String entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT"));
        for (String flag : ProcessCluster.NODE_JVM_FLAGS) {
            assertThat(entrypoint).contains("\"" + flag + "\"");
        }
        assertThat(dockerfile).contains("USER cairn").contains("HEALTHCHECK").contains("FROM eclipse-temurin:17-jre");
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        assertThat(compose.lines().filter(l -> l.strip().matches("- \"[0-9]+:[0-9]+\"")).toList())
                .containsExactly("      - \"9000:9000\"");
    }

    private static List<List<String>> composeCommands() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (s.startsWith("command:")) {
                out.add(json.readValue(s.substring("command:".length()), new TypeReference<List<String>>() { }));
            }
        }
        return out;
    }

    private static List<String> flags(List<String> args) {
        return args.stream().filter(a -> a.startsWith("--")).toList();
    }
}
