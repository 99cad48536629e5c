package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterAdminCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new CairnCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void placementSimPassesItsOptionsToTheSimulator() {
        assertThat(run("admin", "placement-sim", "--nodes", "20", "--drives-per-node", "2", "--keys", "20000",
                "--scheme", "4+2", "--groups", "512")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith(
                "placement simulation: 20 nodes x 2 drives, scheme 4+2, 512 groups, 20000 keys, adding 1 node(s)");
    }

    @Test
    void placementSimRefusesAnUnknownOption() {
        assertThat(run("admin", "placement-sim", "--nodez", "20")).isEqualTo(2);
        assertThat(err.toString()).startsWith("cairn: admin placement-sim: unknown or incomplete option '--nodez'");
    }

    @Test
    void addNodeNeedsTheClusterSecretBeforeItTalksToAnyNode() {
        assertThat(run("admin", "add-node", "--nodes", "127.0.0.1:1", "--address", "127.0.0.1:2", "--secret-file",
                "/nonexistent/secret")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the cluster secret file /nonexistent/secret");
    }
}
