package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.Node;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The admin's side of a change of the cluster map: two rounds over the first drive of every node of the new
 * map ({@link EpochGate} on each node judges them). Round one stores the map as pending on every node; one
 * refusal or unreachable node withdraws the proposal from the nodes that took it. Round two commits it on
 * every node. An admin that dies between the rounds leaves the map pending everywhere: running the same change
 * again proposes the same bytes (accepted as a repeat) and commits. This is one admin driving a change, not a
 * consensus protocol: see docs/CLUSTER.md for what it does not survive.
 */
public final class EpochChange {

    /** The change did not happen; {@code refusals} tells by node id what each refusing node said. */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> refusals;

        RefusedException(String message, Map<String, String> refusals) {
            super(message + ": " + refusals);
            this.refusals = Map.copyOf(refusals);
        }

        public Map<String, String> refusals() {
            return refusals;
        }
    }

    private final Function<Node, ShardStore> firstDrive;

    /** {@code firstDrive} gives a node's first drive (d1), as a client of its node protocol. */
    public EpochChange(Function<Node, ShardStore> firstDrive) {
        this.firstDrive = firstDrive;
    }

    /** The highest committed map among {@code nodes} that answer; empty when none answers with a map. */
    public Optional<ClusterMap> latestCommitted(List<Node> nodes) {
        Optional<ClusterMap> best = Optional.empty();
        for (Node n : nodes) {
            try {
                Optional<ClusterMap> m = EpochGate.committed(firstDrive.apply(n));
                if (m.isPresent() && (best.isEmpty() || m.get().epoch() > best.get().epoch())) {
                    best = m;
                }
            } catch (RuntimeException unreachable) {
                // another node may answer
            }
        }
        return best;
    }

    /** Round one: {@code next} pending on every node of it, or withdrawn from all and refused. */
    public void propose(ClusterMap next) {
        byte[] bytes = EpochGate.bytes(next);
        List<Node> accepted = new ArrayList<>();
        Map<String, String> refusals = new LinkedHashMap<>();
        for (Node n : next.nodes()) {
            try {
                firstDrive.apply(n).writeManifest(EpochGate.VOLUME, EpochGate.PENDING, bytes);
                accepted.add(n);
            } catch (RuntimeException e) {
                if (alreadyCommitted(n, bytes)) {
                    continue;
                }
                refusals.put(n.id(), String.valueOf(e.getMessage()));
            }
        }
        if (!refusals.isEmpty()) {
            accepted.forEach(n -> withdraw(n, bytes));
            throw new RefusedException("epoch " + next.epoch() + " was refused and withdrawn", refusals);
        }
    }

    /** Round two: {@code next} committed on every node; nodes that fail keep it pending for a re-run. */
    public void commit(ClusterMap next) {
        byte[] bytes = EpochGate.bytes(next);
        Map<String, String> failures = new LinkedHashMap<>();
        for (Node n : next.nodes()) {
            try {
                firstDrive.apply(n).writeManifest(EpochGate.VOLUME, EpochGate.COMMITTED, bytes);
            } catch (RuntimeException e) {
                failures.put(n.id(), String.valueOf(e.getMessage()));
            }
        }
        if (!failures.isEmpty()) {
            throw new RefusedException("epoch " + next.epoch() + " is not committed everywhere; run the change"
                    + " again to complete it", failures);
        }
    }

    /**
     * Tells a node that {@code next} leaves out (a removed node) of the committed {@code next}: both rounds on
     * it alone, after the nodes of {@code next} committed, so that a removed node that is alive serves the new
     * map. Its answer changes nothing for the others: false when it did not take the map (dead, or it holds
     * another epoch).
     */
    public boolean tell(Node outside, ClusterMap next) {
        byte[] bytes = EpochGate.bytes(next);
        try {
            ShardStore d = firstDrive.apply(outside);
            if (!Arrays.equals(readOrNull(d, EpochGate.COMMITTED), bytes)) {
                d.writeManifest(EpochGate.VOLUME, EpochGate.PENDING, bytes);
                d.writeManifest(EpochGate.VOLUME, EpochGate.COMMITTED, bytes);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] readOrNull(ShardStore d, String name) {
        try {
            return d.readManifest(EpochGate.VOLUME, name);
        } catch (NotFoundException none) {
            return null;
        }
    }

    private boolean alreadyCommitted(Node n, byte[] bytes) {
        try {
            return Arrays.equals(firstDrive.apply(n).readManifest(EpochGate.VOLUME, EpochGate.COMMITTED), bytes);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Removes our proposal only: a node's pending map of another admin stays. */
    private void withdraw(Node n, byte[] bytes) {
        try {
            ShardStore d = firstDrive.apply(n);
            if (Arrays.equals(d.readManifest(EpochGate.VOLUME, EpochGate.PENDING), bytes)) {
                d.deleteManifest(EpochGate.VOLUME, EpochGate.PENDING);
            }
        } catch (NotFoundException gone) {
            // nothing to withdraw
        } catch (RuntimeException unreachable) {
            // it keeps the proposal pending; a later proposal of the same map completes it
        }
    }
}
