package io.cairn.cluster;

import io.cairn.placement.ClusterMap;
import io.cairn.placement.ClusterMapJson;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardStore;
import io.cairn.storage.VolumeExistsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's record of the cluster map, kept on its first drive under the system volume {@value #VOLUME}:
 * {@code committed} (the map this node serves), {@code previous} (the committed map before it, which readers
 * fall back to while shards move) and {@code pending} (a proposed next epoch). The admin's two rounds reach
 * it as plain manifest writes over the authenticated node protocol; this gate is where the node judges them:
 * <ul>
 * <li>a proposal ({@code pending}) must be epoch committed+1, and is refused while another pending map
 *     exists, so two admins cannot interleave; proposing the same map again is accepted;</li>
 * <li>a commit must be byte for byte the pending map (or the committed one: a repeated commit);</li>
 * <li>a node with no map at all records the epoch-1 map (derived from the peer list) as committed;</li>
 * <li>deleting {@code pending} withdraws a proposal; nothing else of the volume can be written from outside.</li>
 * </ul>
 * Refusals are {@link IllegalStateException}s, which the node protocol carries back to the admin as such.
 */
final class EpochGate extends ForwardingShardStore {

    static final String VOLUME = ".cairn.map";
    static final String COMMITTED = "committed";
    static final String PENDING = "pending";
    static final String PREVIOUS = "previous";
    private static final Logger LOG = LoggerFactory.getLogger(EpochGate.class);

    EpochGate(ShardStore drive) {
        super(drive);
        try {
            drive.createVolume(VOLUME);
        } catch (VolumeExistsException used) {
            // a node that held a map before
        }
    }

    /** The committed map of this node, or empty for a node that never joined a cluster. */
    static Optional<ClusterMap> committed(ShardStore drive) {
        return read(drive, COMMITTED);
    }

    static Optional<ClusterMap> read(ShardStore drive, String name) {
        try {
            return Optional.of(ClusterMapJson.read(new String(drive.readManifest(VOLUME, name),
                    StandardCharsets.UTF_8)));
        } catch (NotFoundException none) {
            return Optional.empty();
        }
    }

    static byte[] bytes(ClusterMap map) {
        return ClusterMapJson.write(map).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] raw(String name) {
        try {
            return drive.readManifest(VOLUME, name);
        } catch (NotFoundException none) {
            return null;
        }
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        if (!VOLUME.equals(volume)) {
            super.writeManifest(volume, key, manifest);
        } else if (PENDING.equals(key)) {
            propose(manifest);
        } else if (COMMITTED.equals(key)) {
            commit(manifest);
        } else {
            throw new IllegalArgumentException("the cluster map volume takes only proposals and commits, not " + key);
        }
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        if (VOLUME.equals(volume)) {
            throw new IllegalArgumentException("the cluster map is not written under a key lock");
        }
        super.writeManifest(volume, key, manifest, fencingToken);
    }

    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        if (VOLUME.equals(volume)) {
            throw new IllegalArgumentException("the cluster map is not deleted under a key lock");
        }
        super.deleteManifest(volume, key, fencingToken);
    }

    @Override
    public void deleteManifest(String volume, String key) {
        if (VOLUME.equals(volume) && !PENDING.equals(key)) {
            throw new IllegalArgumentException("only a pending cluster map can be withdrawn");
        }
        synchronized (this) {
            super.deleteManifest(volume, key);
        }
    }

    private synchronized void propose(byte[] proposal) {
        ClusterMap next = parse(proposal);
        byte[] pending = raw(PENDING);
        if (pending != null) {
            if (Arrays.equals(pending, proposal)) {
                return;
            }
            throw new IllegalStateException("epoch " + parse(pending).epoch()
                    + " is already pending on this node; complete or withdraw it first");
        }
        Optional<ClusterMap> committed = committed(drive);
        if (committed.isPresent() && next.epoch() != committed.get().epoch() + 1) {
            throw new IllegalStateException("proposed epoch " + next.epoch() + " does not follow the committed epoch "
                    + committed.get().epoch());
        }
        drive.writeManifest(VOLUME, PENDING, proposal);
        LOG.info("cluster map epoch {} proposed ({} nodes), pending", next.epoch(), next.nodes().size());
    }

    private synchronized void commit(byte[] map) {
        ClusterMap next = parse(map);
        byte[] committed = raw(COMMITTED);
        if (Arrays.equals(committed, map)) {
            return;
        }
        byte[] pending = raw(PENDING);
        if (committed == null && pending == null && next.epoch() == PeerList.EPOCH) {
            // A node's first start records the map every process derives from the peer list.
            drive.writeManifest(VOLUME, COMMITTED, map);
            LOG.info("cluster map epoch {} recorded as committed", next.epoch());
            return;
        }
        if (!Arrays.equals(pending, map)) {
            throw new IllegalStateException("epoch " + next.epoch() + " is not the map pending on this node");
        }
        if (committed != null) {
            drive.writeManifest(VOLUME, PREVIOUS, committed);
        }
        drive.writeManifest(VOLUME, COMMITTED, map);
        drive.deleteManifest(VOLUME, PENDING);
        LOG.info("cluster map epoch {} committed", next.epoch());
    }

    private static ClusterMap parse(byte[] json) {
        try {
            return ClusterMapJson.read(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cluster map: " + e.getMessage());
        }
    }
}
