package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RebalancePlanTest {
    @ParameterizedTest(name = "{0} nodes, {1}+{2}")
    @CsvSource({"60, 4, 2", "100, 8, 4", "300, 8, 4"})
    void addingANodeMovesAboutOneSlotInNPlusOneAllOntoIt(int nodes, int k, int m) {
        ClusterMap before = TestMaps.uniform(nodes, 3, new Scheme(k, m), 4096);
        Node added = TestMaps.node(nodes + 1, 3, 1.0);
        RebalancePlan plan = RebalancePlan.between(before, before.withNode(added));

        Set<String> newDrives = RendezvousPlacementTest.drivesOf(added);
        assertThat(plan.moves()).allSatisfy(move -> assertThat(newDrives).contains(move.toDrive()));
        double ideal = 1.0 / (nodes + 1);
        assertThat(plan.movedFraction()).isBetween(ideal * 0.85, ideal * 1.15);
        assertThat(plan.groupsTouched()).isEqualTo(plan.slotsMoved());
        assertThat(plan.totalSlots()).isEqualTo(4096L * (k + m));
        assertThat(plan.incomingByDrive().keySet()).isEqualTo(newDrives);
        assertThat(plan.fromEpoch()).isEqualTo(1);
        assertThat(plan.toEpoch()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} nodes")
    @CsvSource({"60", "200"})
    void removingANodeMovesExactlyItsSlots(int nodes) {
        ClusterMap before = TestMaps.uniform(nodes, 2, new Scheme(4, 2), 4096);
        Node removed = before.node("node7").orElseThrow();
        RebalancePlan plan = RebalancePlan.between(before, before.withoutNode("node7"));

        Set<String> goneDrives = RendezvousPlacementTest.drivesOf(removed);
        assertThat(plan.moves()).allSatisfy(move -> assertThat(goneDrives).contains(move.fromDrive()));
        int held = RendezvousPlacementTest.count(before).entrySet().stream()
                .filter(e -> goneDrives.contains(e.getKey())).mapToInt(e -> e.getValue()).sum();
        assertThat(plan.slotsMoved()).isEqualTo(held).isPositive();
        assertThat(plan.outgoingByDrive().keySet()).isEqualTo(goneDrives);
    }

    @Test
    void addingADriveToANodeMovesSlotsOnlyOntoThatDrive() {
        ClusterMap before = TestMaps.uniform(80, 2, new Scheme(4, 2), 4096);
        List<Node> nodes = new ArrayList<>(before.nodes());
        nodes.set(4, RendezvousPlacementTest.nodeWithExtraDrive(nodes.get(4)));
        ClusterMap after = new ClusterMap(2, before.scheme(), before.groupCount(), nodes);
        RebalancePlan plan = RebalancePlan.between(before, after);
        assertThat(plan.moves()).isNotEmpty().allSatisfy(move -> assertThat(move.toDrive()).isEqualTo("node5/extra"));
    }

    @Test
    void aPlanAgreesWithThePlacementsOfBothEpochs() {
        ClusterMap before = TestMaps.uniform(10, 2, new Scheme(4, 2), 256);
        ClusterMap after = before.withNode(TestMaps.node(11, 2, 1.0));
        RendezvousPlacement policy = new RendezvousPlacement();
        RebalancePlan plan = RebalancePlan.between(policy, before, after);
        assertThat(plan.moves()).isNotEmpty().allSatisfy(move -> {
            assertThat(policy.place(before, move.group()).drives().get(move.shardIndex())).isEqualTo(move.fromDrive());
            assertThat(policy.place(after, move.group()).drives().get(move.shardIndex())).isEqualTo(move.toDrive());
        });
        assertThat(RebalancePlan.between(before, before).moves()).isEmpty();
    }

    @Test
    void refusesToRebalanceAcrossSchemesOrGroupCounts() {
        ClusterMap map = TestMaps.uniform(10, 2, new Scheme(4, 2), 256);
        assertThatThrownBy(() -> RebalancePlan.between(map, TestMaps.uniform(10, 2, new Scheme(4, 1), 256)))
                .isInstanceOf(InvalidClusterMapException.class);
        assertThatThrownBy(() -> RebalancePlan.between(map, TestMaps.uniform(10, 2, new Scheme(4, 2), 512)))
                .isInstanceOf(InvalidClusterMapException.class);
    }
}
