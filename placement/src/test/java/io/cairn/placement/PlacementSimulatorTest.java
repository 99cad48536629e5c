package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlacementSimulatorTest {
    @Test
    void reportsMovesAndLoadForAnAddedNode() {
        String out = run("--nodes", "100", "--drives-per-node", "2", "--add", "1", "--keys", "20000", "--scheme", "4+2",
                "--groups", "2048");
        assertThat(out).startsWith("placement simulation: 100 nodes x 2 drives, scheme 4+2, 2048 groups, 20000 keys,"
                + " adding 1 node(s)\n");
        assertThat(out).contains("before epoch 1: placed 2048 groups in ")
                .contains("shards per drive over keys: mean 600.0,")
                .contains("after  epoch 2: placed 2048 groups in ")
                .contains("; ideal added/(n+added) = 0.9901%)")
                .containsPattern("next map \\(withNode, pins carried\\): \\d+ ms\n")
                .containsPattern("moves onto new nodes: \\d+; between old nodes: 0\n")
                .containsPattern("pins in epoch 2: \\d+ \\(slots held apart from the computed placement\\)\n")
                .contains("of 120000 (")
                .containsPattern("total time: \\d+ ms\n");
    }

    @Test
    void countsKeysOncePerGroup() {
        long[] counts = PlacementSimulator.keysPerGroup(10_000, 64);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(10_000);
        assertThat(counts[new PlacementGroups(64).groupOf("sim", "object-0")]).isPositive();
    }

    @Test
    void rejectsUnknownOrBadOptions() {
        assertThatThrownBy(() -> run("--nodes", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--nodes must be a positive integer, not '0'");
        assertThatThrownBy(() -> run("--node", "10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown or incomplete option '--node'; usage: placement-sim");
        assertThatThrownBy(() -> run("--keys")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("--nodes", "2", "--drives-per-node", "2", "--scheme", "8+4"))
                .isInstanceOf(InvalidClusterMapException.class);
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlacementSimulator.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
