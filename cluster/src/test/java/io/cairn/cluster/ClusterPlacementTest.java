package io.cairn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Placement;
import io.cairn.placement.RendezvousPlacement;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterPlacementTest {

    private final PeerList peers = PeerList.parse("a:1,b:1,c:1,d:1,e:1,f:1", 2);
    private final ClusterMap map = peers.toMap(peers.defaultScheme());
    private final Map<String, ShardStore> stores = new HashMap<>();

    ClusterPlacementTest() {
        map.nodes().forEach(n -> n.drives().forEach(d -> stores.put(d.id(), new InMemoryShardStore(d.id()))));
    }

    @Test
    void aKeyGoesToItsGroupsDrivesInShardOrderOnePerNode() {
        ClusterPlacement placement = new ClusterPlacement(map, new RendezvousPlacement(), stores);
        assertThat(placement.drives()).hasSize(12);
        assertThat(map.scheme().width()).isEqualTo(6);
        for (int i = 0; i < 200; i++) {
            String key = "photos/" + i;
            Placement expected = new RendezvousPlacement().place(map, "bkt", key);
            List<ShardStore> drives = placement.placement("bkt", key);
            assertThat(drives).extracting(ShardStore::id).containsExactlyElementsOf(expected.drives());
            Set<String> nodes = new HashSet<>();
            drives.forEach(d -> nodes.add(d.id().substring(0, d.id().indexOf('-'))));
            assertThat(nodes).hasSize(6);
        }
        assertThat(placement.placement("bkt", "x")).isEqualTo(placement.placement("bkt", "x"));
    }

    @Test
    void everyDriveOfTheMapNeedsAStore() {
        stores.remove("node4-d2");
        assertThatThrownBy(() -> new ClusterPlacement(map, new RendezvousPlacement(), stores))
                .hasMessageContaining("node4-d2");
    }
}
