package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.cli.CairnCommand;
import io.cairn.it.ComposeFile.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No Docker engine runs where these tests run, so this checks what can be checked without one: the compose
 * file's command lines are the process-level tests' command line (same flags in the same order), parse as
 * {@code cairn} arguments, and are documented in docs/CLUSTER.md; the image runs the JVM with the flags the
 * tests give every node; every service has a memory limit, its secrets as files, a volume per drive, a
 * published gateway and a health check that can pass. {@link ComposeProcessIT} then starts the services.
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
    void imageRunsTheNodeJvmFlagsAndEveryGatewayIsPublished() throws Exception {
        DockerfileSpec image = DockerfileSpec.read(ROOT.resolve("Dockerfile"));
        assertThat(image.jvmFlags()).containsAll(ProcessCluster.NODE_JVM_FLAGS)
                .anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage="));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
        assertThat(dockerfile).contains("USER cairn").contains("HEALTHCHECK").contains("FROM eclipse-temurin:17-jre");
        List<String> published = new ArrayList<>();
        for (Service s : ComposeFile.read(ROOT.resolve("docker-compose.yml")).services().values()) {
            assertThat(s.ports()).as(s.name()).hasSize(1);
            String[] hostAndContainer = s.ports().get(0).split(":");
            assertThat(hostAndContainer[1]).isEqualTo(listenPort(s));
            published.add(hostAndContainer[0]);
        }
        assertThat(published).containsExactly("9000", "9001", "9002", "9003");
    }

    /**
     * What a container needs beyond its command line: a memory limit (the heap follows it), the cluster secret
     * and root credentials from compose secrets (files, never values in the environment), one volume per drive
     * and no volume shared, and a health check that asks a port the process listens on from 127.0.0.1.
     */
    @Test
    void everyServiceHasALimitSecretFilesAVolumePerDriveAndAReachableHealthCheck() throws Exception {
        ComposeFile compose = ComposeFile.read(ROOT.resolve("docker-compose.yml"));
        Map<String, String> volumeOwners = new HashMap<>();
        for (Service s : compose.services().values()) {
            assertThat(ComposeFile.bytes(s.memoryLimit())).as("memory limit of %s", s.name())
                    .isBetween(256L << 20, 64L << 30);
            assertThat(s.environment()).doesNotContainKeys("CAIRN_CLUSTER_SECRET", "CAIRN_ROOT_USER",
                    "CAIRN_ROOT_PASSWORD", "CAIRN_MASTER_KEY");
            for (String variable : List.of("CAIRN_CLUSTER_SECRET_FILE", "CAIRN_ROOT_USER_FILE",
                    "CAIRN_ROOT_PASSWORD_FILE", "CAIRN_MASTER_KEY_FILE")) {
                String file = s.environment().get(variable);
                assertThat(file).as(variable).startsWith("/run/secrets/");
                assertThat(s.secrets()).contains(file.substring("/run/secrets/".length()));
            }
            assertThat(compose.secretFiles().keySet()).containsAll(s.secrets());

            String data = option(s, "--data");
            int drives = Integer.parseInt(option(s, "--drives"));
            Map<String, String> mounts = s.volumeMounts();
            List<String> driveDirs = new ArrayList<>();
            for (int d = 1; d <= drives; d++) {
                driveDirs.add(data + "/d" + d);
            }
            assertThat(mounts.values()).as("one volume per drive of %s", s.name())
                    .containsExactlyInAnyOrderElementsOf(driveDirs);
            for (String volume : mounts.keySet()) {
                assertThat(compose.volumeNames()).contains(volume);
                assertThat(volumeOwners.put(volume, s.name())).as("volume %s shared", volume).isNull();
            }

            assertThat(s.healthcheck()).containsExactly("CMD", "/opt/cairn/healthcheck.sh");
            assertThat(option(s, "--address")).isEqualTo("0.0.0.0:" + s.environment().get("CAIRN_HEALTH_PORT"));
            assertThat(s.environment().get("CAIRN_HEALTH_PATH")).isEqualTo("/-/health/live");
        }
        assertThat(volumeOwners.keySet()).containsExactlyInAnyOrderElementsOf(compose.volumeNames());
    }

    private static String option(Service s, String name) {
        return s.command().get(s.command().indexOf(name) + 1);
    }

    private static String listenPort(Service s) {
        String address = option(s, "--address");
        return address.substring(address.lastIndexOf(':') + 1);
    }

    private static List<List<String>> composeCommands() throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (Service s : ComposeFile.read(ROOT.resolve("docker-compose.yml")).services().values()) {
            out.add(s.command());
        }
        return out;
    }

    private static List<String> flags(List<String> args) {
        return args.stream().filter(a -> a.startsWith("--")).toList();
    }
}
