package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterMapTest {
    private static final Scheme S42 = new Scheme(4, 2);

    @Test
    void withNodeAndWithoutNodeReturnTheNextEpoch() {
        ClusterMap map = TestMaps.uniform(3, 2, S42, 64);
        ClusterMap grown = map.withNode(TestMaps.node(4, 2, 1.0));
        assertThat(grown.epoch()).isEqualTo(2);
        assertThat(grown.nodes()).extracting(Node::id).containsExactly("node1", "node2", "node3", "node4");
        ClusterMap shrunk = grown.withoutNode("node2");
        assertThat(shrunk.epoch()).isEqualTo(3);
        assertThat(shrunk.nodes()).extracting(Node::id).containsExactly("node1", "node3", "node4");
        assertThat(map.epoch()).isEqualTo(1);
        assertThat(shrunk.nodeOfDrive("node4/d2")).map(Node::id).contains("node4");
        assertThat(shrunk.nodeOfDrive("node2/d1")).isEmpty();
    }

    @Test
    void rejectsDuplicateNodeIds() {
        ClusterMap map = TestMaps.uniform(3, 2, S42, 64);
        assertThatThrownBy(() -> map.withNode(TestMaps.node(2, 1, 1.0)))
                .isInstanceOf(InvalidClusterMapException.class).hasMessage("duplicate node id node2");
    }

    @Test
    void rejectsDriveIdsRepeatedAcrossNodes() {
        Node other = new Node("other", "127.0.0.1:9999", List.of(new Drive("node1/d1", 1)));
        assertThatThrownBy(() -> TestMaps.uniform(3, 2, S42, 64).withNode(other))
                .isInstanceOf(InvalidClusterMapException.class).hasMessage("duplicate drive id node1/d1");
    }

    @Test
    void rejectsASchemeWiderThanTheDrives() {
        assertThatThrownBy(() -> TestMaps.uniform(2, 2, new Scheme(4, 1), 64))
                .isInstanceOf(InvalidClusterMapException.class)
                .hasMessage("scheme 4+1 needs 5 drives but the cluster has 4");
        assertThatThrownBy(() -> TestMaps.uniform(3, 2, S42, 64).withoutNode("node1"))
                .isInstanceOf(InvalidClusterMapException.class);
        assertThatThrownBy(() -> TestMaps.uniform(3, 2, S42, 64).withoutNode("node9"))
                .isInstanceOf(InvalidClusterMapException.class).hasMessage("no node node9 in epoch 1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsWeightsThatAreNotPositiveAndFinite(double weight) {
        assertThatThrownBy(() -> new Drive("n/d", weight)).isInstanceOf(InvalidClusterMapException.class)
                .hasMessageContaining("weight must be positive and finite");
        assertThatThrownBy(() -> new Node("n", "h:1", weight, Optional.empty(), List.of(new Drive("n/d", 1))))
                .isInstanceOf(InvalidClusterMapException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", ":9000", "host:0", "host:65536", "host:9x", "::1:9000", "a b:1"})
    void rejectsAddressesThatAreNotHostColonPort(String address) {
        assertThatThrownBy(() -> new Node("n", address, List.of(new Drive("n/d", 1))))
                .isInstanceOf(InvalidClusterMapException.class);
    }

    @Test
    void splitsHostAndPortIncludingIpv6() {
        Node v6 = new Node("n", "[::1]:9100", List.of(new Drive("n/d", 1)));
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.port()).isEqualTo(9100);
        assertThat(new Node("m", "node7.example:1", List.of(new Drive("m/d", 1))).host()).isEqualTo("node7.example");
    }

    @Test
    void rejectsBlankIdsNodesWithoutDrivesAndBadSchemes() {
        assertThatThrownBy(() -> new Drive(" ", 1)).isInstanceOf(InvalidClusterMapException.class);
        assertThatThrownBy(() -> new Drive("a\tb", 1)).isInstanceOf(InvalidClusterMapException.class);
        assertThatThrownBy(() -> new Node("n", "h:1", List.of())).isInstanceOf(InvalidClusterMapException.class)
                .hasMessage("node n has no drives");
        assertThatThrownBy(() -> new Scheme(0, 2)).isInstanceOf(InvalidClusterMapException.class);
        assertThatThrownBy(() -> new Scheme(200, 57)).isInstanceOf(InvalidClusterMapException.class);
        assertThatThrownBy(() -> Scheme.parse("8-4")).isInstanceOf(InvalidClusterMapException.class);
        assertThat(Scheme.parse("8+4")).isEqualTo(new Scheme(8, 4));
        assertThat(Scheme.parse("8+4").width()).isEqualTo(12);
        assertThatThrownBy(() -> TestMaps.uniform(3, 2, S42, 0)).isInstanceOf(InvalidClusterMapException.class);
    }
}
