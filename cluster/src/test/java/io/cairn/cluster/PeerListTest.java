package io.cairn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.ClusterMapJson;
import io.cairn.placement.Drive;
import io.cairn.placement.Node;
import io.cairn.placement.Scheme;
import org.junit.jupiter.api.Test;

class PeerListTest {

    @Test
    void everyProcessDerivesTheSameMapFromTheSameList() {
        PeerList a = PeerList.parse("h1:9100, h2:9100,h3:9100,h4:9100", 2);
        PeerList b = PeerList.parse("h1:9100,h2:9100,h3:9100,h4:9100,", 2);
        ClusterMap map = a.toMap(a.defaultScheme());
        assertThat(ClusterMapJson.write(map)).isEqualTo(ClusterMapJson.write(b.toMap(b.defaultScheme())));
        assertThat(map.epoch()).isEqualTo(1);
        assertThat(map.scheme()).isEqualTo(new Scheme(2, 2));
        assertThat(map.groupCount()).isEqualTo(ClusterMap.DEFAULT_GROUP_COUNT);
        assertThat(map.nodes()).extracting(Node::id).containsExactly("node1", "node2", "node3", "node4");
        assertThat(map.nodes()).extracting(Node::address)
                .containsExactly("h1:9100", "h2:9100", "h3:9100", "h4:9100");
        assertThat(map.nodes().get(2).drives()).extracting(Drive::id).containsExactly("node3-d1", "node3-d2");
    }

    @Test
    void aNodeIsNamedByItsIdOrItsAddress() {
        PeerList peers = PeerList.parse("10.0.0.1:9100,10.0.0.2:9100", 1);
        assertThat(peers.indexOf("node2")).isEqualTo(1);
        assertThat(peers.indexOf("10.0.0.1:9100")).isZero();
        assertThatThrownBy(() -> peers.indexOf("node3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node1..node2");
    }

    @Test
    void badListsAreRefused() {
        assertThatThrownBy(() -> PeerList.parse("", 1)).hasMessageContaining("no node");
        assertThatThrownBy(() -> PeerList.parse("h1:1,h1:1", 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> PeerList.parse("h1", 1)).hasMessageContaining("not host:port");
        assertThatThrownBy(() -> PeerList.parse("h1:1", 0)).hasMessageContaining("at least one drive");
    }
}
