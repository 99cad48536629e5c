package io.cairn.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Moves and pins across epochs built with withNode / withoutNode, at the cluster sizes where they matter. */
class StickyPlacementTest {
    private static final int GROUPS = 4096;

    @ParameterizedTest(name = "{0} nodes x {1} drives, {2}+{3}")
    @CsvSource({"6, 1, 4, 2", "6, 2, 4, 2", "4, 1, 2, 2", "12, 1, 8, 4", "6, 4, 8, 4", "20, 4, 8, 4"})
    void addingANodeMovesOnlyOntoItAndAboutOneSlotInNPlusOne(int nodes, int drives, int k, int m) {
        ClusterMap before = TestMaps.uniform(nodes, drives, new Scheme(k, m), GROUPS);
        Node added = TestMaps.node(nodes + 1, drives, 1.0);
        ClusterMap after = before.withNode(added);
        RebalancePlan plan = RebalancePlan.between(before, after);

        Set<String> newDrives = RendezvousPlacementTest.drivesOf(added);
        assertThat(plan.moves()).allSatisfy(move -> assertThat(newDrives).contains(move.toDrive()));
        double idealSlots = 1.0 / (nodes + 1);
        assertThat(plan.movedFraction()).isBetween(idealSlots / 1.2, idealSlots * 1.2);
        double idealGroups = Math.min(1.0, (double) (k + m) / (nodes + 1));
        assertThat((double) plan.groupsTouched() / GROUPS).isBetween(idealGroups / 1.2, idealGroups * 1.2);
        assertThat(plan.incomingByDrive().keySet()).isEqualTo(newDrives);
        assertSpreadLikeAFreshCluster(after);
    }

    @ParameterizedTest(name = "{0} nodes, {1}+{2}")
    @CsvSource({"6, 4, 2", "12, 8, 4"})
    void removingTheAddedNodeMovesExactlyItsSlots(int nodes, int k, int m) {
        ClusterMap grown = TestMaps.uniform(nodes, 2, new Scheme(k, m), GROUPS).withNode(TestMaps.node(nodes + 1, 2, 1.0));
        assertThat(grown.pins()).isNotEmpty();
        for (String leaving : List.of("node" + (nodes + 1), "node3")) {
            Set<String> gone = RendezvousPlacementTest.drivesOf(grown.node(leaving).orElseThrow());
            ClusterMap shrunk = grown.withoutNode(leaving);
            RebalancePlan plan = RebalancePlan.between(grown, shrunk);
            int held = RendezvousPlacementTest.count(grown).entrySet().stream()
                    .filter(e -> gone.contains(e.getKey())).mapToInt(e -> e.getValue()).sum();
            assertThat(plan.slotsMoved()).isEqualTo(held).isPositive();
            assertThat(plan.moves()).allSatisfy(move -> assertThat(gone).contains(move.fromDrive()));
            assertThat(shrunk.pins()).noneMatch(pin -> gone.contains(pin.drive()));
            assertSpreadLikeAFreshCluster(shrunk);
        }
    }

    @Test
    void successiveAdditionsEachMoveOnlyOntoTheNewNodeAndKeepPinsBounded() {
        ClusterMap map = TestMaps.uniform(6, 2, new Scheme(4, 2), GROUPS);
        List<Integer> pins = new ArrayList<>();
        for (int n = 7; n <= 18; n++) {
            Node added = TestMaps.node(n, 2, 1.0);
            ClusterMap next = map.withNode(added);
            RebalancePlan plan = RebalancePlan.between(map, next);
            Set<String> newDrives = RendezvousPlacementTest.drivesOf(added);
            assertThat(plan.moves()).allSatisfy(move -> assertThat(newDrives).contains(move.toDrive()));
            assertThat(plan.movedFraction()).isBetween(1.0 / n / 1.2, 1.2 / n);
            pins.add(next.pins().size());
            map = next;
        }
        System.out.println("pins after each addition, 6 -> 18 nodes of 2 drives at 4+2, 4096 groups: " + pins);
        // Pins only record the reorderings of small clusters; once classes fill up they stop growing.
        assertThat(Collections.max(pins)).isLessThan(GROUPS * 6 / 4);
        assertThat(pins.get(pins.size() - 1)).isLessThanOrEqualTo(pins.get(pins.size() - 4) + GROUPS / 20);
        assertSpreadLikeAFreshCluster(map);
    }

    @Test
    void atMostOneShardPerNodeAfterAdditionsAndRemovals() {
        ClusterMap map = TestMaps.uniform(6, 3, new Scheme(4, 2), 1024);
        map = map.withNode(TestMaps.node(7, 3, 1.0)).withNode(TestMaps.node(8, 1, 2.0)).withoutNode("node2")
                .withNode(TestMaps.node(9, 2, 1.0)).withoutNode("node7");
        RendezvousPlacement policy = new RendezvousPlacement();
        for (int g = 0; g < map.groupCount(); g++) {
            List<String> drives = policy.place(map, g).drives();
            assertThat(drives).hasSize(6).doesNotHaveDuplicates();
            assertThat(drives.stream().map(TestMaps::nodeOf)).doesNotHaveDuplicates();
        }
    }

    @Test
    void addingADriveMovesSlotsMostlyOntoItAndNeverBetweenOldDrivesOfANode() {
        ClusterMap map = TestMaps.uniform(6, 2, new Scheme(4, 2), GROUPS).withNode(TestMaps.node(7, 2, 1.0));
        List<Node> nodes = new ArrayList<>(map.nodes());
        nodes.set(2, RendezvousPlacementTest.nodeWithExtraDrive(nodes.get(2)));
        ClusterMap next = map.withNodes(nodes);
        RebalancePlan plan = RebalancePlan.between(map, next);
        long ontoExtra = plan.moves().stream().filter(move -> move.toDrive().equals("node3/extra")).count();
        // node3 now outweighs the others, so the computed placement also gives it a few groups it lacked.
        assertThat(ontoExtra).isGreaterThan(plan.slotsMoved() * 9L / 10);
        assertThat(plan.moves()).noneMatch(move -> !move.toDrive().equals("node3/extra")
                && TestMaps.nodeOf(move.toDrive()).equals(TestMaps.nodeOf(move.fromDrive())));
        ClusterMap plain = new ClusterMap(map.epoch(), map.scheme(), GROUPS, map.nodes());
        ClusterMap plainNext = new ClusterMap(next.epoch(), map.scheme(), GROUPS, nodes);
        assertThat(plan.slotsMoved()).isLessThan(RebalancePlan.between(plain, plainNext).slotsMoved());
    }

    @Test
    void isDeterministicAcrossNodeOrderAndProcesses() {
        ClusterMap map = TestMaps.random(new Random(5), 7, new Scheme(4, 2), 2048);
        List<Node> shuffled = new ArrayList<>(map.nodes());
        Collections.shuffle(shuffled, new Random(6));
        ClusterMap reordered = new ClusterMap(map.epoch(), map.scheme(), map.groupCount(), shuffled);
        Node added = TestMaps.node(8, 2, 1.5);

        ClusterMap next = map.withNode(added);
        ClusterMap nextOfReordered = reordered.withNode(added);
        assertThat(next.pins()).isNotEmpty().isEqualTo(nextOfReordered.pins());
        assertThat(ClusterMapJson.write(map.withNode(added))).isEqualTo(ClusterMapJson.write(next));
        RendezvousPlacement a = new RendezvousPlacement();
        RendezvousPlacement b = new RendezvousPlacement();
        for (int g = 0; g < map.groupCount(); g++) {
            assertThat(b.place(nextOfReordered, g).drives()).isEqualTo(a.place(next, g).drives());
        }
    }

    /** The drives of every group are the computed placement's, so load is spread exactly as without pins. */
    private static void assertSpreadLikeAFreshCluster(ClusterMap map) {
        ClusterMap plain = new ClusterMap(map.epoch(), map.scheme(), map.groupCount(), map.nodes());
        RendezvousPlacement policy = new RendezvousPlacement();
        for (int g = 0; g < map.groupCount(); g++) {
            Set<String> drives = new HashSet<>(policy.place(map, g).drives());
            Set<String> computed = new HashSet<>(new RendezvousPlacement().place(plain, g).drives());
            if (!drives.equals(computed)) {
                // Only a node whose drives are unchanged may keep another of its drives than the computed one.
                assertThat(drives.stream().map(TestMaps::nodeOf).sorted().toList())
                        .isEqualTo(computed.stream().map(TestMaps::nodeOf).sorted().toList());
            }
        }
    }
}
