package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins in the map: how they override placements, how they are checked and how they are written. */
class PinsTest {
    /** Computed placements of its four groups: [d/1, b/1, c/1], [a/1, d/1, c/1], [b/1, c/1, d/1], [b/1, c/1, a/1]. */
    private static final String PINNED = "{\n"
            + "  \"version\": 1,\n"
            + "  \"epoch\": 3,\n"
            + "  \"scheme\": {\"k\": 2, \"m\": 1},\n"
            + "  \"groups\": 4,\n"
            + "  \"nodes\": [\n"
            + "    {\"id\": \"a\", \"address\": \"10.0.0.1:9100\", \"weight\": 1.0, \"drives\": [\n"
            + "      {\"id\": \"a/1\", \"weight\": 1.0}\n"
            + "    ]},\n"
            + "    {\"id\": \"b\", \"address\": \"10.0.0.2:9100\", \"weight\": 1.0, \"drives\": [\n"
            + "      {\"id\": \"b/1\", \"weight\": 1.0}\n"
            + "    ]},\n"
            + "    {\"id\": \"c\", \"address\": \"10.0.0.3:9100\", \"weight\": 1.0, \"drives\": [\n"
            + "      {\"id\": \"c/1\", \"weight\": 1.0}\n"
            + "    ]},\n"
            + "    {\"id\": \"d\", \"address\": \"10.0.0.4:9100\", \"weight\": 1.0, \"drives\": [\n"
            + "      {\"id\": \"d/1\", \"weight\": 1.0}\n"
            + "    ]}\n"
            + "  ],\n"
            + "  \"pins\": [\n"
            + "    [1, 0, \"c/1\"],\n"
            + "    [1, 2, \"a/1\"],\n"
            + "    [3, 2, \"d/1\"]\n"
            + "  ]\n"
            + "}\n";

    private static List<Node> nodes() {
        return List.of(node("a", 1), node("b", 2), node("c", 3), node("d", 4));
    }

    private static Node node(String id, int host) {
        return new Node(id, "10.0.0." + host + ":9100", List.of(new Drive(id + "/1", 1.0)));
    }

    private static ClusterMap map(Pin... pins) {
        return new ClusterMap(3, new Scheme(2, 1), 4, nodes(), List.of(pins));
    }

    @Test
    void pinsOverrideTheirSlotsOnlyAndAreWrittenAsSortedTriples() {
        ClusterMap map = map(new Pin(3, 2, "d/1"), new Pin(1, 2, "a/1"), new Pin(1, 0, "c/1"));
        RendezvousPlacement policy = new RendezvousPlacement();
        assertThat(policy.place(map, 0).drives()).containsExactly("d/1", "b/1", "c/1");
        assertThat(policy.place(map, 1).drives()).containsExactly("c/1", "d/1", "a/1");
        assertThat(policy.place(map, 2).drives()).containsExactly("b/1", "c/1", "d/1");
        assertThat(policy.place(map, 3).drives()).containsExactly("b/1", "c/1", "d/1");
        assertThat(map.pins()).containsExactly(new Pin(1, 0, "c/1"), new Pin(1, 2, "a/1"), new Pin(3, 2, "d/1"));

        assertThat(ClusterMapJson.write(map)).isEqualTo(PINNED);
        assertThat(ClusterMapJson.read(PINNED)).isEqualTo(map).hasSameHashCodeAs(map);
        assertThat(map).isNotEqualTo(new ClusterMap(3, new Scheme(2, 1), 4, nodes()));
    }

    @Test
    void aMapWithoutPinsIsWrittenWithoutTheMemberAndReadsWithNone() {
        ClusterMap plain = new ClusterMap(3, new Scheme(2, 1), 4, nodes());
        String json = ClusterMapJson.write(plain);
        assertThat(json).doesNotContain("pins").isEqualTo(PINNED.substring(0, PINNED.indexOf(",\n  \"pins\"")) + "\n}\n");
        assertThat(ClusterMapJson.read(json).pins()).isEmpty();
    }

    @Test
    void aGrownSmallClusterRoundTripsWithItsPins() {
        ClusterMap grown = TestMaps.uniform(6, 2, new Scheme(4, 2), 4096).withNode(TestMaps.node(7, 2, 1.0))
                .withNode(TestMaps.node(8, 1, 1.0));
        String json = ClusterMapJson.write(grown);
        assertThat(grown.pins()).hasSizeGreaterThan(2000);
        ClusterMap read = ClusterMapJson.read(json);
        assertThat(read).isEqualTo(grown);
        assertThat(ClusterMapJson.write(read)).isEqualTo(json);
        RendezvousPlacement a = new RendezvousPlacement();
        RendezvousPlacement b = new RendezvousPlacement();
        for (int g = 0; g < grown.groupCount(); g += 7) {
            assertThat(b.place(read, g)).isEqualTo(a.place(grown, g));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        group out of range  | [4, 0, "a/1"]                  | pin [4, 0, "a/1"]: group is outside [0, 4)
        slot out of range   | [0, 3, "a/1"]                  | pin [0, 3, "a/1"]: slot is outside [0, 3)
        unknown drive       | [0, 0, "x/1"]                  | pin [0, 0, "x/1"]: no drive x/1 in the map
        redundant           | [0, 0, "d/1"]                  | pin [0, 0, "d/1"]: repeats the computed placement
        drive twice         | [0, 0, "b/1"]                  | pins of group 0 place a drive twice: [b/1, b/1, c/1]
        slot pinned twice   | [1, 0, "c/1"], [1, 0, "b/1"]   | pin [1, 0, "b/1"]: the slot is pinned twice
        negative group      | [-1, 0, "a/1"]                 | pin [-1, 0]: group and slot must not be negative
        fractional slot     | [1, 0.5, "a/1"]                | pin [1, 0.5, a/1]: group and slot must be integers
        not a triple        | [1, 0]                         | pin [1, 0] must be [group, slot, "drive"]
        drive not a string  | [1, 0, 7]                      | pin [1, 0, 7] must be [group, slot, "drive"]
        not an array        | {"group": 1}                   | pin must be a JSON array
        blank drive         | [1, 0, " "]                    | drive of pin [1, 0] must be 1-255 characters, not blank
        """)
    void rejectsBadPins(String name, String pins, String message) {
        String json = PINNED.substring(0, PINNED.indexOf("\"pins\": [") + 9) + pins + "]\n}\n";
        assertThatThrownBy(() -> ClusterMapJson.read(json)).isInstanceOf(InvalidClusterMapException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsPinsThatAreNotAnArray() {
        String json = PINNED.substring(0, PINNED.indexOf("\"pins\": [") + 8) + "{}\n}\n";
        assertThatThrownBy(() -> ClusterMapJson.read(json)).isInstanceOf(InvalidClusterMapException.class)
                .hasMessage("pins must be a JSON array");
    }
}
