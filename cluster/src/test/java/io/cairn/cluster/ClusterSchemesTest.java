package io.cairn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.placement.Scheme;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterSchemesTest {

    @ParameterizedTest(name = "{0} nodes, {1} drives -> {2}+{3}")
    @CsvSource({
            "1, 2, 1, 1", "1, 4, 2, 2", "2, 2, 1, 1", "2, 4, 2, 2", "3, 3, 1, 1", "3, 6, 2, 2",
            "4, 4, 2, 2", "4, 16, 2, 2", "5, 5, 3, 2", "6, 6, 3, 3", "7, 14, 4, 3", "8, 8, 4, 4",
            "12, 12, 8, 4", "16, 16, 12, 4", "17, 17, 12, 4", "1000, 4000, 12, 4"})
    void parityGrowsWithTheClusterAsMinioChoosesIt(int nodes, int drives, int k, int m) {
        assertThat(ClusterSchemes.forCluster(nodes, drives)).isEqualTo(new Scheme(k, m));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "3, 2"})
    void tooFewDrivesAreRefused(int nodes, int drives) {
        assertThatThrownBy(() -> ClusterSchemes.forCluster(nodes, drives))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
