package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterMapJsonTest {
    private static final String SMALL = "{\n"
            + "  \"version\": 1,\n"
            + "  \"epoch\": 7,\n"
            + "  \"scheme\": {\"k\": 2, \"m\": 1},\n"
            + "  \"groups\": 4096,\n"
            + "  \"nodes\": [\n"
            + "    {\"id\": \"node1\", \"address\": \"10.0.0.1:9100\", \"weight\": 1.0, \"zone\": \"rack-a\", \"drives\": [\n"
            + "      {\"id\": \"node1/d1\", \"weight\": 1.0},\n"
            + "      {\"id\": \"node1/d2\", \"weight\": 2.5}\n"
            + "    ]},\n"
            + "    {\"id\": \"node2\", \"address\": \"[::1]:9100\", \"weight\": 0.5, \"drives\": [\n"
            + "      {\"id\": \"node2/d1\", \"weight\": 1.0}\n"
            + "    ]}\n"
            + "  ]\n"
            + "}\n";

    @Test
    void writesTheDocumentedForm() {
        ClusterMap map = new ClusterMap(7, new Scheme(2, 1), 4096, List.of(
                new Node("node1", "10.0.0.1:9100", 1.0, Optional.of("rack-a"),
                        List.of(new Drive("node1/d1", 1.0), new Drive("node1/d2", 2.5))),
                new Node("node2", "[::1]:9100", 0.5, Optional.empty(), List.of(new Drive("node2/d1", 1.0)))));
        assertThat(ClusterMapJson.write(map)).isEqualTo(SMALL);
        assertThat(ClusterMapJson.read(SMALL)).isEqualTo(map);
    }

    @Test
    void roundTripsRandomMaps() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            ClusterMap map = TestMaps.random(random, 1 + random.nextInt(30) + 6, new Scheme(4, 2), 1 + random.nextInt(5000));
            String json = ClusterMapJson.write(map);
            assertThat(ClusterMapJson.read(json)).isEqualTo(map);
            assertThat(ClusterMapJson.write(ClusterMapJson.read(json))).isEqualTo(json);
        }
    }

    @Test
    void weightsDefaultToOneAndWhitespaceIsFree() {
        ClusterMap map = ClusterMapJson.read("{\"version\":1,\"epoch\":0,\"scheme\":{\"k\":1,\"m\":0},\"groups\":1,"
                + "\"nodes\":[{\"id\":\"a\",\"address\":\"a:1\",\"drives\":[{\"id\":\"a/1\"}]}]}");
        assertThat(map.nodes().get(0).weight()).isEqualTo(1.0);
        assertThat(map.nodes().get(0).drives()).containsExactly(new Drive("a/1", 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        version 2            | "version": 1,              | "version": 2,                        | unsupported cluster map version 2 (this build reads 1)
        unknown member       | "epoch": 7,                | "epoch": 7, "owner": "x",            | document: unknown member "owner"
        duplicate member     | "epoch": 7,                | "epoch": 7, "epoch": 8,              | malformed JSON at offset 39: duplicate member "epoch"
        fractional k         | "k": 2,                    | "k": 2.5,                            | scheme: "k" must be an integer in [0, 256], not 2.5
        negative epoch       | "epoch": 7,                | "epoch": -7,                         | document: "epoch" must be an integer in [0, 9223372036854775807], not -7
        string groups        | "groups": 4096,            | "groups": "4096",                    | document: "groups" must be an integer in [0, 1048576], not 4096
        leading zero         | "groups": 4096,            | "groups": 04096,                     | malformed JSON at offset 75: bad number: leading zero
        trailing comma       | "weight": 2.5}             | "weight": 2.5},                      | malformed JSON at offset 272: unexpected character ']'
        missing address      | "address": "[::1]:9100",   | "zone": "z",                         | node node2: missing member "address"
        duplicate drive      | "node2/d1"                 | "node1/d2"                           | duplicate drive id node1/d2
        zero weight          | "weight": 0.5              | "weight": 0                          | node node2: weight must be positive and finite, not 0.0
        unknown drive member | {"id": "node2/d1",         | {"id": "node2/d1", "size": 1,        | node node2 drive: unknown member "size"
        too wide             | "k": 2,                    | "k": 3,                              | scheme 3+1 needs 4 drives but the cluster has 3
        """)
    void rejectsMalformedInput(String name, String from, String to, String message) {
        assertThat(SMALL).contains(from);
        assertThatThrownBy(() -> ClusterMapJson.read(SMALL.replace(from, to)))
                .isInstanceOf(InvalidClusterMapException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        ''
        {
        []
        {"version": 1} x
        {"version": 1,}
        {"version": 1} // comment
        {"a": "\\x"}
        {"a": tru}
        {"a": 1.}
        {"a": 1e}
        """)
    void rejectsDocumentsThatAreNotStrictJson(String json) {
        assertThatThrownBy(() -> ClusterMapJson.read(json)).isInstanceOf(InvalidClusterMapException.class);
    }
}
